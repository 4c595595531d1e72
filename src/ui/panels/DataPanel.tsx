import { useEffect, useRef, useState } from 'react';
import type { EpisodeView, SampleRequest } from '../../workers/episodeView';
import { controller } from '../runtime/controller';
import { useLab } from '../store/labStore';
import { drawEpisode } from './drawEpisode';

/**
 * "See the data": a sample N-way K-shot episode — what a user trains on, or a meta-testing task.
 * Attack examples (target class, backdoor classes, key pattern, poisoned images) get their own
 * row here once attacks are part of the engine.
 */
export function DataPanel() {
  const users = useLab((s) => s.config.federation.users);
  const hasAttack = useLab((s) => 'attack' in s.config);
  const [pool, setPool] = useState<SampleRequest['pool']>(0);
  const [index, setIndex] = useState(0);
  const [view, setView] = useState<EpisodeView | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState('');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => { if (view && canvas.current) drawEpisode(canvas.current, view); }, [view]);
  const show = (p: SampleRequest['pool'], i: number) => {
    setState('loading');
    controller.sample({ pool: p, index: i }).then(
      (v) => { setView(v); setState('idle'); },
      (e) => { setError((e as Error).message); setState('error'); },
    );
  };
  return (
    <section className="card data-panel">
      <h2>See the data</h2>
      <div className="button-row">
        <label>
          Episode from{' '}
          <select value={String(pool)} onChange={(e) => setPool(e.target.value === 'meta-test' ? 'meta-test' : Number(e.target.value))} aria-label="Episode source">
            {Array.from({ length: users }, (_, i) => <option key={i} value={i}>user {i}'s classes (meta-training)</option>)}
            <option value="meta-test">held-out classes (meta-testing)</option>
          </select>
        </label>
        <button type="button" onClick={() => { const i = view ? index + 1 : index; setIndex(i); show(pool, i); }} disabled={state === 'loading'} data-testid="show-episode">
          {state === 'loading' ? 'Loading…' : view ? 'Another episode' : 'Show an episode'}
        </button>
      </div>
      {state === 'error' && <p className="field-error" role="alert">{error}</p>}
      {view ? (
        <>
          <canvas ref={canvas} className="episode" data-testid="episode-canvas" aria-label={`${view.ways}-way ${view.shots}-shot episode`} />
          <p className="muted">
            {view.ways}-way {view.shots}-shot: each row is one label; the learner adapts on the support images and is scored on the query.
            Classes: {view.classes.map((c, i) => `${i} = ${c.name}${c.rotation ? ` ↻${c.rotation * 90}°` : ''}`).join(', ')}.
          </p>
        </>
      ) : (
        <p className="muted">Shows a sample task from the current settings (starts the workers if needed).</p>
      )}
      <div className="attack-examples">
        <h3>Backdoor examples</h3>
        <p className="muted">
          {hasAttack
            ? 'The target class, the backdoor classes, the key pattern and poisoned examples of the configured attack appear here.'
            : 'Once attacks are in the engine: the target class, the backdoor classes, the key pattern and poisoned examples (as in Chen et al., Figure 1).'}
        </p>
      </div>
    </section>
  );
}
