import { useEffect } from 'react';
import { Charts } from '../charts/Charts';
import { Messages } from '../panels/Messages';
import { PresetPicker } from '../panels/PresetPicker';
import { roundsDone, useLab } from '../store/labStore';
import { useTeacher } from './classroomStore';
import { Inspector } from './Inspector';
import { QrCode } from './QrCode';
import { Roster } from './Roster';
import { teacher } from './teacher';
import './classroom.css';

function JoinCard() {
  const code = useTeacher((s) => s.code);
  const address = useTeacher((s) => s.address);
  const error = useTeacher((s) => s.error);
  const joinUrl = address && code ? `${address}/?join=${code}` : null;
  return (
    <section className="card classroom-join" aria-label="Join">
      {error && <p className="message error">{error}</p>}
      <p>Join at <strong data-testid="join-address">{address ?? '…'}</strong> with the code</p>
      <p className="join-code" data-testid="join-code">{code ?? '……'}</p>
      {joinUrl && <QrCode text={joinUrl} />}
    </section>
  );
}

function TeacherBar() {
  const status = useLab((s) => s.status);
  const rounds = useLab((s) => s.config.rounds);
  const done = useLab(roundsDone);
  const revealed = useTeacher((s) => s.revealed);
  return (
    <section className="run-bar card">
      <div className="run-buttons">
        {status === 'idle' && <button type="button" className="primary" onClick={() => void teacher.start()}>▶ Start the class run</button>}
        {status === 'running' && <button type="button" className="primary" onClick={teacher.pause}>❚❚ Pause</button>}
        {status === 'paused' && <button type="button" className="primary" onClick={teacher.resume}>▶ Resume</button>}
        <button type="button" onClick={teacher.reset} disabled={status === 'idle' || status === 'starting'}>Reset</button>
        <button type="button" onClick={teacher.reveal} disabled={status === 'idle' || revealed}>Reveal the attacker</button>
      </div>
      <div className="progress-text">
        <strong data-testid="round-counter">Round {done} of {rounds}</strong>{' '}
        <span className={`status status-${status}`} data-testid="run-status">{status}</span>
      </div>
    </section>
  );
}

function Reveal() {
  const revealed = useTeacher((s) => s.revealed);
  const attacker = useTeacher((s) => s.attacker);
  const seats = useTeacher((s) => s.seats);
  const name = useTeacher((s) => s.students.find((x) => x.id === s.attacker)?.name);
  const seat = useLab((s) => (s.config.attack.kind === 'none' ? null : s.config.attack.attacker));
  if (!revealed) return null;
  return (
    <p className="message warn classroom-reveal" data-testid="reveal">
      The attacker was {name ? `${name}, in seat ${seats.indexOf(attacker!)}` : `the simulated client in seat ${seat}`}.
    </p>
  );
}

/** The teacher's screen (`?classroom=teach`): the session, the class, the run, the charts and the inspector. */
export function TeacherView() {
  useEffect(() => teacher.connect(location.search), []);
  return (
    <div className="app classroom">
      <header className="top">
        <div className="brand">
          <h1>Backdoor Lab · classroom</h1>
          <p>Every student's browser trains one client; this browser is the server. One of the class is the attacker.</p>
        </div>
        <PresetPicker />
      </header>
      <Messages />
      <div className="layout">
        <aside className="controls">
          <JoinCard />
          <Roster />
        </aside>
        <main className="results">
          <TeacherBar />
          <Reveal />
          <Charts />
          <Inspector />
        </main>
      </div>
    </div>
  );
}
