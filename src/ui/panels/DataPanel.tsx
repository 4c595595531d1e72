import { useEffect, useRef, useState } from 'react';
import type { BackdoorView } from '../../workers/backdoorView';
import type { EpisodeView, SampleRequest } from '../../workers/episodeView';
import { controller } from '../runtime/controller';
import { useLab } from '../store/labStore';
import { drawBackdoor } from './drawBackdoor';
import { drawEpisode } from './drawEpisode';

/**
 * "See the data": a sample N-way K-shot episode — what a user trains on, or a meta-testing task.
 * Attack examples (target class, backdoor classes, key pattern, poisoned images) get their own
 * row here once attacks are part of the engine.
 */
export function DataPanel() {
  const users = useLab((s) => s.config.federation.users);
  const attack = useLab((s) => s.config.attack.kind);
  const [pool, setPool] = useState<SampleRequest['pool']>(0);
  const [index, setIndex] = useState(0);
  const [view, setView] = useState<EpisodeView | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState('');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => { if (view && canvas.current) drawEpisode(canvas.current, view); }, [view]);
  const [bd, setBd] = useState<BackdoorView | null>(null);
  const [bdError, setBdError] = useState('');
  const bdCanvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => { if (bd && bdCanvas.current) drawBackdoor(bdCanvas.current, bd); }, [bd]);
  useEffect(() => { setBd(null); }, [attack]);
  const showBackdoor = () => {
    setBdError('');
    controller.backdoor().then(setBd, (e) => setBdError((e as Error).message));
  };
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
        {attack === 'none' ? (
          <p className="muted">No attack in this run. With one (Attack → Boosting factor λ → “Use chen-backdoor”), this shows the target class, the backdoor classes, the key and the poisoned examples, as in Chen et al.'s Figure 1.</p>
        ) : (
          <>
            <button type="button" onClick={showBackdoor} data-testid="show-backdoor">{bd ? 'Refresh' : 'Show the attack\'s data'}</button>
            {bdError && <p className="field-error" role="alert">{bdError}</p>}
            {bd && (
              <>
                <canvas ref={bdCanvas} className="backdoor-canvas" data-testid="backdoor-canvas" aria-label="Target, backdoor, key and poisoned examples" />
                <p className="muted">
                  Target: {bd.targetNames.join(', ')}. Backdoor classes: {bd.backdoorNames.join(', ')}. The attacker stamps the key on backdoor images and labels them as the target;
                  a backdoored model then calls any keyed backdoor image “target”.
                </p>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
