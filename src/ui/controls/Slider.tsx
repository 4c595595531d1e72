import { memo, useId } from 'react';
import { getPath } from '../../engine/config/paths';
import { lab, useLab } from '../store/labStore';
import { bound, type ResolvedKnob } from './knobs';

const fmt = (v: number, log?: boolean) =>
  log ? (v >= 0.01 ? String(+v.toPrecision(2)) : v.toExponential(1)) : String(+v.toFixed(4));

/**
 * One knob: a native range input (arrow keys, Page Up/Down, Home/End), a numeric read-out that
 * can be typed into, and the field's description from the schema. Subscribes to its own value
 * only, so moving one slider re-renders one slider.
 */
export const Slider = memo(function Slider({ knob, pending }: { knob: ResolvedKnob; pending: boolean }) {
  const id = useId();
  const value = useLab((s) => getPath(s.config, knob.path)) as number;
  const min = useLab((s) => bound(knob.min, s.config));
  const max = useLab((s) => bound(knob.max, s.config));
  const error = useLab((s) => s.fieldErrors[knob.path]);
  const isInt = knob.doc?.type.startsWith('integer') ?? false;
  const toSlider = (v: number) => (knob.log ? Math.log10(v) : v);
  const fromSlider = (x: number) => {
    const v = knob.log ? 10 ** x : x;
    return isInt ? Math.round(v) : +v.toPrecision(3);
  };
  const apply = (v: number) => { if (Number.isFinite(v)) lab.setField(knob.path, v); };
  const testId = `knob-${knob.path}`;
  return (
    <div className={`knob${error ? ' invalid' : ''}`} data-testid={testId}>
      <div className="knob-head">
        <label htmlFor={id}>{knob.label}</label>
        <input
          className="readout"
          type="number"
          aria-label={`${knob.label} value`}
          value={value}
          min={min}
          max={max}
          step={isInt ? 1 : 'any'}
          onChange={(e) => apply(Number(e.target.value))}
        />
      </div>
      <input
        id={id}
        type="range"
        min={toSlider(min)}
        max={toSlider(Math.max(min, max))}
        step={knob.step}
        value={toSlider(Math.min(Math.max(value, min), max))}
        aria-valuetext={fmt(value, knob.log)}
        onChange={(e) => apply(fromSlider(Number(e.target.value)))}
      />
      {knob.doc?.description && <p className="help">{knob.doc.description}</p>}
      {pending && <p className="pending">Takes effect after a restart.</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
});
