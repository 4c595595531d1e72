import { lab, runsTwin, useLab } from '../store/labStore';

/**
 * The paired run: with it on, an attacked run also runs its benign twin (the same seed, split
 * and schedule, the attacker training honestly), and every chart draws the twin dashed beside
 * the run. Off by default: it doubles the training work. Restart-only, and part of the link.
 */
export function TwinSwitch() {
  const paired = useLab((s) => s.paired);
  const attacked = useLab((s) => s.config.attack.kind !== 'none');
  const pending = useLab((s) => s.prepareInfo !== null && s.status !== 'idle' && s.prepareInfo.twin !== runsTwin(s));
  return (
    <div className="twin-switch" data-testid="twin-switch">
      <label>
        <input type="checkbox" checked={paired} disabled={!attacked} onChange={(e) => lab.setPaired(e.target.checked)} aria-label="Benign twin" />
        Benign twin
      </label>
      <p className="help">
        {attacked
          ? 'Also run this seed with the attacker training honestly, drawn dashed in every chart as the baseline the attack is read against. Doubles the training work.'
          : 'Needs an attack: without one the run is its own baseline.'}
      </p>
      {pending && <p className="pending">Takes effect after a restart.</p>}
    </div>
  );
}
