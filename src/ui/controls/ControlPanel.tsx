import { useMemo } from 'react';
import { needsRestart, restartChanges } from '../../engine/config/live';
import { lab, labStore, useLab } from '../store/labStore';
import { resolveKnobs, type ResolvedKnob } from './knobs';
import { Slider } from './Slider';

/** A knob whose strategy is not selected (or whose field the config does not have). */
function Dormant({ knob }: { knob: ResolvedKnob }) {
  const when = knob.doc?.when;
  return (
    <div className="knob dormant" data-testid={`knob-${knob.path}`}>
      <div className="knob-head"><span className="label">{knob.label}</span><span className="readout off">—</span></div>
      {when ? (
        <p className="help">
          Used when <code>{when.path}.kind</code> is <code>{when.kind}</code>.{' '}
          <button type="button" className="link" onClick={() => lab.setField(when.path, { kind: when.kind })}>Use {when.kind}</button>
        </p>
      ) : (
        <p className="help">Not a setting of this run's config.</p>
      )}
    </div>
  );
}

/** The sliders, grouped; a restart-only change during a run is flagged on its slider. */
export function ControlPanel() {
  const signature = useLab((s) => resolveKnobs(s.config).map((k) => `${k.path}:${k.active}`).join('|'));
  const pending = useLab((s) => (s.prepared && s.status !== 'idle' ? restartChanges(s.prepared, s.config).join(',') : ''));
  const knobs = useMemo(() => resolveKnobs(labStore.getState().config), [signature]);
  const groups = useMemo(() => [...new Set(knobs.map((k) => k.group))], [knobs]);
  const pendingSet = new Set(pending ? pending.split(',') : []);
  return (
    <div className="control-panel">
      {groups.map((g) => (
        <fieldset key={g} className="knob-group">
          <legend>{g}</legend>
          {knobs.filter((k) => k.group === g).map((k) =>
            k.active ? <Slider key={k.path} knob={k} pending={needsRestart(k.path) && pendingSet.has(k.path)} /> : <Dormant key={k.path} knob={k} />)}
        </fieldset>
      ))}
    </div>
  );
}
