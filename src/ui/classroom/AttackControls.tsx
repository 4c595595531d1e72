import { KEY_SHAPES, MAX_BOOST } from '../../classroom/attackSettings';
import type { AttackSettings } from '../../classroom/protocol';
import { student } from './student';

/** Only in the attacker's browser: λ, when to strike and the key's shape, sent to the server as they change. */
export function AttackControls({ attack, rounds }: { attack: AttackSettings; rounds: number }) {
  const change = (p: Partial<AttackSettings>) => student.setAttack({ ...attack, ...p });
  return (
    <section className="card attack-controls" data-testid="attack-controls" aria-label="Attack controls">
      <h2>You are the attacker</h2>
      <p>Keep it to yourself. Your client sends a backdoored, boosted update in the round you pick; the class will try to spot it.</p>
      <label>
        Boost λ = {attack.boost}
        <input type="range" min={0} max={Math.min(MAX_BOOST, 30)} step={0.5} value={attack.boost} onChange={(e) => change({ boost: Number(e.target.value) })} />
      </label>
      <label>
        Strike in round{' '}
        <select value={attack.round} onChange={(e) => change({ round: Number(e.target.value) })}>
          {Array.from({ length: rounds }, (_, i) => i + 1).map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label>
        Key{' '}
        <select value={attack.key} onChange={(e) => change({ key: e.target.value as AttackSettings['key'] })}>
          {KEY_SHAPES.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
    </section>
  );
}
