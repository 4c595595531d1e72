import { lab, useLab } from '../store/labStore';

/** The root seed: every random choice of the run derives from it. */
export function SeedField() {
  const seed = useLab((s) => s.config.seed);
  return (
    <div className="seed-field">
      <label>
        Seed
        <input type="number" min={0} value={seed} onChange={(e) => lab.setField('seed', Number(e.target.value))} aria-label="Seed" />
      </label>
      <button type="button" className="small" onClick={() => lab.setField('seed', Math.floor(Math.random() * 1e6))} title="A different random seed">New seed</button>
    </div>
  );
}
