import type { StudentInfo } from '../classroom/protocol';
import { cleanName, normalCode } from '../classroom/names';
import { newCode, newToken, sameToken } from './tokens';

export interface Student {
  id: string;
  name: string;
  token: string;
  /** The socket that speaks for this seat now; null while the student is away. */
  socket: string | null;
}

export interface Session {
  code: string;
  teacherToken: string;
  teacherSocket: string | null;
  students: Map<string, Student>;
  /** Length of the updates this session accepts; null until the teacher has prepared a run. */
  params: number | null;
  nextId: number;
}

export const LIMITS = { sessions: 32, studentsPerSession: 64, maxParams: 16_000_000 };

/**
 * The relay's sessions and the credentials that bind a socket to a role: the teacher's token for
 * teacher actions, one token per student seat. Tokens are random and only ever handed to the one
 * socket that created or joined; a rejoin with a token takes the seat over (a reload, a new Wi-Fi).
 */
export class Sessions {
  private readonly byCode = new Map<string, Session>();

  create(socket: string): Session | string {
    if (this.byCode.size >= LIMITS.sessions) return 'the server holds too many sessions; close one first';
    let code = newCode();
    while (this.byCode.has(code)) code = newCode();
    const s: Session = { code, teacherToken: newToken(), teacherSocket: socket, students: new Map(), params: null, nextId: 1 };
    this.byCode.set(code, s);
    return s;
  }

  get(code: string): Session | undefined {
    return this.byCode.get(code);
  }

  resumeTeacher(token: unknown, socket: string): Session | null {
    if (typeof token !== 'string') return null;
    for (const s of this.byCode.values()) {
      if (sameToken(s.teacherToken, token)) {
        s.teacherSocket = socket;
        return s;
      }
    }
    return null;
  }

  join(rawCode: unknown, rawName: unknown, socket: string): { session: Session; student: Student } | string {
    const code = normalCode(rawCode);
    const session = code ? this.byCode.get(code) : undefined;
    if (!session) return 'no session has that code';
    const name = cleanName(rawName);
    if (!name) return 'type a display name';
    if (session.students.size >= LIMITS.studentsPerSession) return 'this session is full';
    const student: Student = { id: `s${session.nextId++}`, name, token: newToken(), socket };
    session.students.set(student.id, student);
    return { session, student };
  }

  rejoin(token: unknown, socket: string): { session: Session; student: Student; previous: string | null } | null {
    if (typeof token !== 'string') return null;
    for (const session of this.byCode.values()) {
      for (const student of session.students.values()) {
        if (sameToken(student.token, token)) {
          const previous = student.socket;
          student.socket = socket;
          return { session, student, previous };
        }
      }
    }
    return null;
  }

  static roster(s: Session): StudentInfo[] {
    return [...s.students.values()].map((st) => ({ id: st.id, name: st.name, connected: st.socket !== null }));
  }
}
