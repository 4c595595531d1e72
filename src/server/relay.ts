import type { Server, Socket } from 'socket.io';
import { checkAttackSettings } from '../classroom/attackSettings';
import { checkUpdate, count } from '../classroom/checkUpdate';
import { SMALL_MESSAGE_BYTES, TEACHER_KINDS, type ClientToServer, type Refusal, type ServerToClient } from '../classroom/protocol';
import { RateLimit, STUDENT_RATE, TEACHER_RATE } from './rateLimit';
import { LIMITS, Sessions, type Session } from './sessions';

type Role = { role: 'teacher'; code: string } | { role: 'student'; code: string; id: string };
type RelaySocket = Socket<ClientToServer, ServerToClient, Record<string, never>, Partial<Role>>;
export type RelayServer = Server<ClientToServer, ServerToClient, Record<string, never>, Partial<Role>>;

const refuse = (error: string): Refusal => ({ ok: false, error });
/** A client may leave out the acknowledgement callback, or send something else in its place. */
const replyOf = <T>(ack: unknown): ((a: T) => void) => (typeof ack === 'function' ? (ack as (a: T) => void) : () => undefined);
const small = (v: unknown): boolean => {
  try {
    return JSON.stringify(v).length <= SMALL_MESSAGE_BYTES;
  } catch {
    return false;
  }
};

/**
 * The classroom relay on a Socket.IO server. A socket becomes the teacher (create or resume with
 * the teacher's token) or one student (join with the code, rejoin with the seat's token) and
 * from then on speaks only for that role: the relay stamps who sent what, relays only inside the
 * sender's session, bounds each socket's message rate and size, and checks every update
 * (checkUpdate) before the teacher's browser can aggregate it. A refused update is answered to
 * its sender and reported to the teacher.
 */
export function attachRelay(io: RelayServer, sessions = new Sessions()): Sessions {
  const teacherOf = (s: Session) => (s.teacherSocket ? io.to(s.teacherSocket) : null);
  const roster = (s: Session) => teacherOf(s)?.emit('roster', Sessions.roster(s));

  io.on('connection', (socket: RelaySocket) => {
    let limit = new RateLimit(STUDENT_RATE.perSecond, STUDENT_RATE.burst);
    const session = () => (socket.data.code ? sessions.get(socket.data.code) : undefined);
    const asTeacher = (): Session | null => (socket.data.role === 'teacher' ? session() ?? null : null);
    const asStudent = () => {
      const s = session();
      const st = socket.data.role === 'student' ? s?.students.get(socket.data.id!) : undefined;
      return s && st && st.socket === socket.id ? { session: s, student: st } : null;
    };
    const becomeTeacher = (s: Session) => {
      socket.data = { role: 'teacher', code: s.code };
      limit = new RateLimit(TEACHER_RATE.perSecond, TEACHER_RATE.burst);
      roster(s);
    };
    /** Every handler starts here: the rate limit, then its own checks. */
    const on = <E extends keyof ClientToServer>(event: E, handler: (...args: unknown[]) => void) => {
      // Arguments are untrusted whatever the event map says: each handler checks its own.
      (socket as unknown as { on(e: string, f: (...a: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
        if (limit.take()) return handler(...args);
        const ack = args.find((a) => typeof a === 'function');
        replyOf<Refusal>(ack)(refuse('too many messages: slow down'));
      });
    };

    on('teach:create', (ack) => {
      const reply = replyOf<Parameters<Parameters<ClientToServer['teach:create']>[0]>[0]>(ack);
      if (socket.data.role) return reply(refuse('this connection already has a role'));
      const s = sessions.create(socket.id);
      if (typeof s === 'string') return reply(refuse(s));
      becomeTeacher(s);
      reply({ ok: true, code: s.code, token: s.teacherToken });
    });

    on('teach:resume', (token, ack) => {
      const reply = replyOf<{ ok: true; code: string } | Refusal>(ack);
      if (socket.data.role) return reply(refuse('this connection already has a role'));
      const s = sessions.resumeTeacher(token, socket.id);
      if (!s) return reply(refuse('unknown teacher token'));
      becomeTeacher(s);
      reply({ ok: true, code: s.code });
    });

    on('teach:expect', (params, ack) => {
      const reply = replyOf<{ ok: true } | Refusal>(ack);
      const s = asTeacher();
      if (!s) return reply(refuse('only the teacher may do that'));
      const n = count(params);
      if (!n || n > LIMITS.maxParams) return reply(refuse('a model of 1 to 16M parameters'));
      s.params = n;
      reply({ ok: true });
    });

    on('teach:send', (to, message, ack) => {
      const reply = replyOf<{ ok: true } | Refusal>(ack);
      const s = asTeacher();
      if (!s) return reply(refuse('only the teacher may do that'));
      const st = typeof to === 'string' ? s.students.get(to) : undefined;
      if (!st) return reply(refuse('no such student in this session'));
      const kind = (message as { kind?: unknown } | null)?.kind;
      if (!TEACHER_KINDS.includes(kind as never)) return reply(refuse('unknown message kind'));
      if (!st.socket) return reply(refuse(`${st.name} is not connected`));
      io.to(st.socket).emit('teacher', message as never);
      reply({ ok: true });
    });

    on('join', (o, ack) => {
      const reply = replyOf<{ ok: true; id: string; token: string; name: string } | Refusal>(ack);
      if (socket.data.role) return reply(refuse('this connection already has a role'));
      const { code, name } = (typeof o === 'object' && o !== null ? o : {}) as { code?: unknown; name?: unknown };
      const r = sessions.join(code, name, socket.id);
      if (typeof r === 'string') return reply(refuse(r));
      socket.data = { role: 'student', code: r.session.code, id: r.student.id };
      roster(r.session);
      reply({ ok: true, id: r.student.id, token: r.student.token, name: r.student.name });
    });

    on('rejoin', (token, ack) => {
      const reply = replyOf<{ ok: true; id: string; name: string } | Refusal>(ack);
      if (socket.data.role) return reply(refuse('this connection already has a role'));
      const r = sessions.rejoin(token, socket.id);
      if (!r) return reply(refuse('unknown seat token: join again with the code'));
      // The seat moves to this connection; an older one still open no longer speaks for it.
      if (r.previous && r.previous !== socket.id) io.to(r.previous).emit('closed', 'this seat was taken over by another connection');
      socket.data = { role: 'student', code: r.session.code, id: r.student.id };
      roster(r.session);
      reply({ ok: true, id: r.student.id, name: r.student.name });
    });

    on('update', (u, ack) => {
      const reply = replyOf<{ ok: true } | Refusal>(ack);
      const me = asStudent();
      if (!me) return reply(refuse('join a session first'));
      const { delta, round: rawRound, numExamples } = (typeof u === 'object' && u !== null ? u : {}) as Record<string, unknown>;
      const round = count(rawRound);
      const reject = (reason: string) => {
        teacherOf(me.session)?.emit('rejected', { studentId: me.student.id, name: me.student.name, round, reason });
        reply(refuse(`update rejected: ${reason}`));
      };
      if (me.session.params === null) return reject('no run is prepared yet');
      if (round === null) return reject('the round is not a whole number');
      const n = count(numExamples);
      if (n === null) return reject('numExamples is not a whole number');
      const check = checkUpdate(delta, me.session.params);
      if (!check.ok) return reject(check.reason);
      teacherOf(me.session)?.emit('update', { studentId: me.student.id, round, delta: delta as Uint8Array, numExamples: n });
      reply({ ok: true });
    });

    on('progress', (p) => {
      const me = asStudent();
      if (!me || typeof p !== 'object' || p === null || !small(p)) return;
      const { round, state, backend, ms } = p as Record<string, unknown>;
      if (count(round) === null || !['training', 'sent', 'idle'].includes(state as string) || typeof backend !== 'string') return;
      teacherOf(me.session)?.emit('progress', {
        studentId: me.student.id, round: round as number, state: state as 'training', backend: backend.slice(0, 40),
        ...(count(ms) !== null ? { ms: ms as number } : {}),
      });
    });

    on('attack', (a) => {
      const me = asStudent();
      const ok = me && small(a) ? checkAttackSettings(a, Number.MAX_SAFE_INTEGER) : null;
      // Any student may send it; the teacher's browser applies it only from the attacker's seat.
      if (me && ok) teacherOf(me.session)?.emit('attack', { ...ok, studentId: me.student.id });
    });

    socket.on('disconnect', () => {
      const s = session();
      if (!s) return;
      if (socket.data.role === 'teacher' && s.teacherSocket === socket.id) s.teacherSocket = null;
      const st = socket.data.role === 'student' ? s.students.get(socket.data.id!) : undefined;
      if (st?.socket === socket.id) {
        st.socket = null;
        roster(s);
      }
    });
  });
  return sessions;
}
