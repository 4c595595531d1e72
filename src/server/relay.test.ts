import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServer, Rejection, ServerToClient, StudentUpdate } from '../classroom/protocol';
import { attachRelay, type RelayServer } from './relay';

type Client = Socket<ServerToClient, ClientToServer>;
let url = '';
let io: RelayServer;
const open: Client[] = [];

beforeAll(async () => {
  const http = createServer();
  io = new Server(http);
  attachRelay(io);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of open) c.close();
  await io.close();
});

const client = (): Client => {
  const c: Client = connect(url, { transports: ['websocket'], forceNew: true });
  open.push(c);
  return c;
};
const next = <E extends keyof ServerToClient>(c: Client, e: E) =>
  new Promise<Parameters<ServerToClient[E]>[0]>((r) => (c as unknown as { once(e: string, f: (v: unknown) => void): void }).once(e, r as (v: unknown) => void));

/** A teacher with a session expecting 3-value updates, and one joined student. */
async function classroom() {
  const teacher = client();
  const created = await teacher.emitWithAck('teach:create');
  if (!created.ok) throw new Error(created.error);
  expect(await teacher.emitWithAck('teach:expect', 3)).toEqual({ ok: true });
  const student = client();
  const joined = await student.emitWithAck('join', { code: created.code, name: 'Ada' });
  if (!joined.ok) throw new Error(joined.error);
  return { teacher, student, code: created.code, teacherToken: created.token, seat: joined };
}

const update = (values: number[], round = 1): StudentUpdate => ({ round, delta: new Float32Array(values).buffer, numExamples: 10 });

describe('classroom relay', () => {
  it('relays a checked update to the teacher, stamped with the seat that sent it', async () => {
    const { teacher, student, seat } = await classroom();
    const got = next(teacher, 'update');
    expect(await student.emitWithAck('update', update([1, 2, 3]))).toEqual({ ok: true });
    const u = await got;
    expect(u.studentId).toBe(seat.id);
    expect([...new Float32Array(Uint8Array.from(u.delta as Uint8Array).buffer)]).toEqual([1, 2, 3]); // a Buffer in Node
  });

  it('rejects NaN, a wrong length and an oversized update: the sender is told, the teacher gets a mark', async () => {
    const { teacher, student, seat } = await classroom();
    for (const [values, reason] of [
      [[1, NaN, 3], 'value 1 is NaN'],
      [[1, 2], 'wrong length: 2 values, expected 3'],
      [new Array(1000).fill(0), 'oversized: 4000 bytes, at most 12'],
    ] as const) {
      const mark = next(teacher, 'rejected');
      const answer = await student.emitWithAck('update', update([...values], 2));
      expect(answer).toEqual({ ok: false, error: expect.stringContaining(reason) });
      expect(await mark).toEqual<Rejection>({ studentId: seat.id, name: 'Ada', round: 2, reason: expect.stringContaining(reason) });
    }
  });

  it('keeps students out of teacher actions and other seats', async () => {
    const { student, seat, code, teacherToken } = await classroom();
    expect(await student.emitWithAck('teach:expect', 5)).toEqual({ ok: false, error: 'only the teacher may do that' });
    expect(await student.emitWithAck('teach:send', seat.id, { kind: 'status', text: 'x' })).toMatchObject({ ok: false });
    expect(await student.emitWithAck('teach:create')).toMatchObject({ ok: false });
    // A second joiner cannot take the first one's seat without its token; with it, the seat moves.
    const other = client();
    expect(await other.emitWithAck('rejoin', 'f'.repeat(32))).toMatchObject({ ok: false });
    expect(await other.emitWithAck('teach:resume', seat.token)).toMatchObject({ ok: false });
    const thief = client();
    expect(await thief.emitWithAck('join', { code, name: 'Eve' })).toMatchObject({ ok: true });
    expect(await thief.emitWithAck('teach:resume', teacherToken)).toMatchObject({ ok: false, error: 'this connection already has a role' });
  });

  it('relays only inside a session', async () => {
    const a = await classroom();
    const b = await classroom();
    expect(a.seat.id).toBe(b.seat.id); // seat ids are per session: a's teacher can only ever name a's seats
    const strays: unknown[] = [];
    b.student.on('teacher', (m) => strays.push(m));
    const got = next(a.student, 'teacher');
    expect(await a.teacher.emitWithAck('teach:send', a.seat.id, { kind: 'status', text: 'hi' })).toEqual({ ok: true });
    expect(await got).toEqual({ kind: 'status', text: 'hi' });
    expect(await a.teacher.emitWithAck('teach:send', 's9', { kind: 'status', text: 'hi' })).toEqual({ ok: false, error: 'no such student in this session' });
    expect(await a.teacher.emitWithAck('teach:send', a.seat.id, { kind: 'eval' } as never)).toEqual({ ok: false, error: 'unknown message kind' });
    expect(strays).toEqual([]);
  });

  it('bounds a student\'s message rate', async () => {
    const { student } = await classroom();
    const answers = await Promise.all(Array.from({ length: 30 }, () => student.emitWithAck('update', update([0, 0, 0]))));
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(21);
    expect(answers).toContainEqual({ ok: false, error: 'too many messages: slow down' });
  });

  it('passes on only well-formed attack settings and progress, stamped with the sender', async () => {
    const { teacher, student, seat } = await classroom();
    const got: unknown[] = [];
    teacher.on('attack', (a) => got.push(a));
    teacher.on('progress', (p) => got.push(p));
    student.emit('attack', { boost: 1e9, round: 2, key: 'cross' });
    student.emit('attack', { boost: 5, round: 2, key: '<img src=x>' } as never);
    student.emit('progress', { round: 1, state: 'training', backend: 'x'.repeat(2000) });
    student.emit('progress', { round: 1, state: 'hacking', backend: 'wasm' } as never);
    student.emit('attack', { boost: 5, round: 2, key: 'cross', studentId: 's99' } as never);
    student.emit('progress', { round: 1, state: 'sent', backend: 'wasm', ms: 1200 });
    await expect.poll(() => got.length).toBe(2);
    expect(got).toEqual([
      { boost: 5, round: 2, key: 'cross', studentId: seat.id },
      { round: 1, state: 'sent', backend: 'wasm', ms: 1200, studentId: seat.id },
    ]);
  });

  it('tells the teacher who is connected', async () => {
    const { teacher, student, seat } = await classroom();
    const left = next(teacher, 'roster');
    student.close();
    expect(await left).toEqual([{ id: seat.id, name: 'Ada', connected: false }]);
    const back = client();
    const r = next(teacher, 'roster');
    expect(await back.emitWithAck('rejoin', seat.token)).toEqual({ ok: true, id: seat.id, name: 'Ada' });
    expect(await r).toEqual([{ id: seat.id, name: 'Ada', connected: true }]);
  });
});
