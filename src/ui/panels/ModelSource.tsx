import { useEffect, useState } from 'react';
import { decodeCheckpoint } from '../../engine/model/checkpoint';
import { kindOf } from '../../engine/model/kind';
import { loadLast, rememberPicked, resolveCheckpoint, type SavedCheckpoint } from '../runtime/checkpointStore';
import { lab, labStore, useLab } from '../store/labStore';

/** Point the config at a checkpoint and adopt its model shape, so θ_G loads without a mismatch. */
async function adoptCheckpoint(source: string, bytes?: Uint8Array): Promise<void> {
  const b = bytes ?? (await resolveCheckpoint(source));
  const { header } = decodeCheckpoint(b);
  const m = header.model;
  const before = labStore.getState().config;
  const kind = kindOf(m);
  lab.setField('init', { kind: 'checkpoint', source });
  lab.setField('model.kind', kind);
  lab.setField('model.filters', m.filters);
  lab.setField('model.imageSize', m.imageSize);
  lab.setField('task.ways', m.ways);
  const round = header.meta.round !== undefined ? `, saved after round ${String(header.meta.round)}` : '';
  const adopted = { kind, filters: m.filters, imageSize: m.imageSize };
  const changed = (['kind', 'filters', 'imageSize'] as const).filter((k) => before.model[k] !== adopted[k]).map((k) => `model.${k} = ${adopted[k]}`)
    .concat(before.task.ways !== m.ways ? [`task.ways = ${m.ways}`] : []);
  const model = kind === 'conv4' ? `Conv4, ${m.filters} filters` : kind;
  lab.message('info', `Starting from checkpoint ${source} (${model}, ${m.ways}-way${round}).${changed.length ? ` Took ${changed.join(', ')} from it.` : ''}`);
}

/** "Start from": a fresh initialisation, or a saved global model (file, URL, last saved here). */
export function ModelSource() {
  const init = useLab((s) => s.config.init);
  const [url, setUrl] = useState('');
  const [last, setLast] = useState<SavedCheckpoint | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { void loadLast().then(setLast); }, []);
  const attempt = (f: () => Promise<void>) => { setError(null); f().catch((e) => setError((e as Error).message)); };
  return (
    <fieldset className="model-source">
      <legend>Start from</legend>
      <label className="radio">
        <input type="radio" name="init" checked={init.kind === 'scratch'} onChange={() => lab.setField('init', { kind: 'scratch' })} />
        a random model (from scratch)
      </label>
      <label className="radio">
        <input type="radio" name="init" checked={init.kind === 'checkpoint'} disabled={init.kind !== 'checkpoint'} readOnly />
        a trained meta-model{init.kind === 'checkpoint' && <>: <code title={init.source}>{init.source}</code></>}
      </label>
      <div className="checkpoint-pickers">
        <label className="file">
          Checkpoint file
          <input
            type="file"
            accept=".ckpt,application/octet-stream"
            data-testid="checkpoint-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) attempt(async () => {
                const bytes = new Uint8Array(await f.arrayBuffer());
                await adoptCheckpoint(rememberPicked(f.name, bytes), bytes);
              });
            }}
          />
        </label>
        <form onSubmit={(e) => { e.preventDefault(); if (url) attempt(() => adoptCheckpoint(url)); }} className="url-row">
          <input type="text" placeholder="checkpoints/omniglot.ckpt or https://…" value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Checkpoint URL" />
          <button type="submit" disabled={!url}>Load URL</button>
        </form>
        {last && (
          <button type="button" className="link" onClick={() => attempt(() => adoptCheckpoint('saved:last', last.bytes.slice()))}>
            Use the last saved ({last.name}, {new Date(last.savedAt).toLocaleString()})
          </button>
        )}
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </fieldset>
  );
}
