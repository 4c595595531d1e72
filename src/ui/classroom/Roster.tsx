import { useLab } from '../store/labStore';
import { teacher } from './teacher';
import { useTeacher } from './classroomStore';

/** Who has joined, where each sits once the run starts, and (before it) who will attack. */
export function Roster() {
  const students = useTeacher((s) => s.students);
  const seats = useTeacher((s) => s.seats);
  const progress = useTeacher((s) => s.progress);
  const choice = useTeacher((s) => s.attackerChoice);
  const status = useLab((s) => s.status);
  const users = useLab((s) => s.config.federation.users);
  const seatOf = (id: string) => seats.indexOf(id);
  return (
    <section className="card classroom-roster" aria-label="Students">
      <h2>Students ({students.filter((s) => s.connected).length} connected, {users} seats)</h2>
      <ul data-testid="roster">
        {students.map((s) => {
          const p = progress[s.id];
          const seat = seatOf(s.id);
          return (
            <li key={s.id} data-testid="roster-student" className={s.connected ? '' : 'away'}>
              <strong>{s.name}</strong>
              {' '}<span>{seat >= 0 ? `seat ${seat}` : seats.length ? 'watching' : ''}</span>
              {' '}<span data-testid="student-state">{s.connected ? (p ? `${p.state} round ${p.round}${p.ms ? ` (${(p.ms / 1000).toFixed(1)} s)` : ''}` : 'joined') : 'away: a simulated client stands in'}</span>
            </li>
          );
        })}
        {seats.map((id, seat) => (id === null ? <li key={`sim${seat}`} className="sim">seat {seat}: simulated client</li> : null))}
      </ul>
      {status === 'idle' ? (
        <label>
          Attacker{' '}
          <select data-testid="attacker-choice" value={choice} onChange={(e) => teacher.chooseAttacker(e.target.value)}>
            <option value="random">a random student</option>
            {students.filter((s) => s.connected).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
      ) : <p>Attacker: chosen, hidden until Reveal.</p>}
    </section>
  );
}
