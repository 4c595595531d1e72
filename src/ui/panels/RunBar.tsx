import { controller } from '../runtime/controller';
import { etaMs, roundsDone, useLab } from '../store/labStore';

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function Buttons() {
  const status = useLab((s) => s.status);
  const canContinue = useLab((s) => s.status === 'done' && s.reports.length > 0 && roundsDone(s) < s.config.rounds);
  const busy = status === 'starting' || status === 'pausing';
  return (
    <div className="run-buttons">
      {(status === 'idle' || status === 'ready') && <button type="button" className="primary" onClick={controller.start}>▶ Start</button>}
      {status === 'starting' && <button type="button" className="primary" disabled>Starting…</button>}
      {status === 'running' && <button type="button" className="primary" onClick={controller.pause}>❚❚ Pause</button>}
      {status === 'pausing' && <button type="button" className="primary" disabled>Pausing…</button>}
      {status === 'paused' && <button type="button" className="primary" onClick={controller.resume}>▶ Resume</button>}
      {status === 'done' && (canContinue
        ? <button type="button" className="primary" onClick={controller.resume}>▶ Continue</button>
        : <button type="button" className="primary" onClick={controller.restart}>↻ Run again</button>)}
      {status === 'error' && <button type="button" className="primary" onClick={controller.restart}>↻ Restart</button>}
      <button type="button" onClick={controller.step} disabled={busy || status === 'running' || (status === 'done' && !canContinue)} title="Run exactly one round, then pause">Step one round</button>
      <button type="button" onClick={controller.reset} disabled={status === 'idle'} title="Back to round 0 with the current settings">Reset</button>
    </div>
  );
}

function Progress() {
  const status = useLab((s) => s.status);
  const rounds = useLab((s) => s.config.rounds);
  const done = useLab(roundsDone);
  const phase = useLab((s) => s.phase);
  const phaseRound = useLab((s) => s.phaseRound);
  const eta = useLab((s) => (s.status === 'running' || s.status === 'pausing' ? etaMs(s) : null));
  const active = status === 'running' || status === 'pausing' || status === 'starting';
  const phaseText = !active ? (status === 'done' ? 'finished' : status === 'paused' ? 'paused' : '')
    : phase === 'training' ? `round ${phaseRound}: users training`
    : phase === 'evaluating' ? (phaseRound === 0 ? 'evaluating the starting model' : `round ${phaseRound}: evaluating θ_G`)
    : phase === 'fine-tuning' ? `fine-tuning defense: user ${phaseRound}`
    : phase;
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-text">
        <strong data-testid="round-counter">Round {done} of {rounds}</strong>
        <span className={`status status-${status}`} data-testid="run-status">{status}</span>
        {phaseText && <span className="phase">{phaseText}</span>}
        {eta !== null && <span className="eta">ETA {clock(eta)}</span>}
      </div>
      <div className="bar" role="progressbar" aria-label="Rounds done" aria-valuemin={0} aria-valuemax={rounds} aria-valuenow={done}>
        <div style={{ width: `${rounds ? (100 * Math.min(done, rounds)) / rounds : 0}%` }} />
      </div>
    </div>
  );
}

export function RunBar() {
  return (
    <section className="run-bar card">
      <Buttons />
      <Progress />
    </section>
  );
}
