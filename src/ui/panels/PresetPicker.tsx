import { presetNames, presets, type PresetName } from '../../engine/config/presets';
import { controller } from '../runtime/controller';
import { lab, useLab } from '../store/labStore';
import { presetConfig } from '../url/configUrl';

/** Pick a preset: the whole config becomes the preset's (the run is reset). */
export function PresetPicker() {
  const preset = useLab((s) => s.preset);
  const choose = (name: PresetName) => {
    controller.reset();
    lab.setConfig(presetConfig(name), name);
  };
  return (
    <label className="preset-picker">
      <span>Preset</span>
      <select value={preset} onChange={(e) => choose(e.target.value as PresetName)} aria-label="Preset" title={presets[preset].description}>
        {presetNames.map((n) => <option key={n} value={n}>{presets[n].title}</option>)}
      </select>
    </label>
  );
}

export function PresetDescription() {
  const preset = useLab((s) => s.preset);
  return <p className="preset-description">{presets[preset].description}</p>;
}
