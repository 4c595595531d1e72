import { useState } from 'react';
import { AttackControls } from './AttackControls';
import { useStudent } from './classroomStore';
import { student } from './student';
import './classroom.css';

function JoinForm() {
  const code = useStudent((s) => s.code);
  const error = useStudent((s) => s.error);
  const busy = useStudent((s) => s.phase === 'joining');
  const [c, setC] = useState(code);
  const [name, setName] = useState('');
  return (
    <form className="card classroom-joinform" onSubmit={(e) => { e.preventDefault(); student.join(c, name); }}>
      <h2>Join the class</h2>
      <label>Code <input value={c} onChange={(e) => setC(e.target.value)} maxLength={6} autoCapitalize="characters" required data-testid="join-code-input" /></label>
      <label>Your name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={24} required data-testid="join-name" /></label>
      <button type="submit" className="primary" disabled={busy}>Join</button>
      {error && <p className="message error" data-testid="join-error">{error}</p>}
    </form>
  );
}

function Progress() {
  const s = useStudent((x) => x);
  const last = s.trained[s.trained.length - 1];
  const state = s.state === 'training' ? `training round ${s.round}` : s.state === 'holding' ? `holding round ${s.round}` : s.state === 'loading' ? 'loading your data' : s.state === 'ready' ? 'waiting for the next round' : 'waiting for the teacher';
  return (
    <section className="card" aria-label="Your client">
      <h2>{s.name}{s.seat !== null ? ` · seat ${s.seat}` : ''}</h2>
      <p data-testid="student-state">{s.seat === null && s.state === 'waiting' ? 'waiting for the teacher to start' : state}</p>
      <p>Backend: <span data-testid="student-backend">{s.backend ?? '…'}</span></p>
      <p data-testid="student-trained">Rounds trained: {s.trained.map((t) => t.round).join(', ') || 'none yet'}</p>
      {last && <p>Last update: ‖δ‖ = {last.norm.toFixed(3)}, {(last.ms / 1000).toFixed(1)} s</p>}
      <ul className="notes" data-testid="student-notes">{s.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
    </section>
  );
}

/** A student's screen (`?join=CODE`): join, then this browser trains its seat's client when the server asks. */
export function StudentView() {
  const phase = useStudent((s) => s.phase);
  const attack = useStudent((s) => s.attack);
  const rounds = useStudent((s) => s.rounds);
  return (
    <div className="app classroom student">
      <header className="top"><div className="brand"><h1>Backdoor Lab · classroom</h1><p>Your browser is one client of the class's federation.</p></div></header>
      {phase === 'join' || phase === 'joining' ? <JoinForm /> : (
        <div className="stack">
          {phase === 'closed' && <p className="message warn">This connection was closed.</p>}
          <Progress />
          {attack && <AttackControls attack={attack} rounds={rounds} />}
        </div>
      )}
    </div>
  );
}
