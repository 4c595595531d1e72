import { transfer, wrap, type Remote } from 'comlink';
import type { AttackSettings, TeacherMessage } from '../../classroom/protocol';
import { norm } from '../../engine/model/vec';
import type { ClientApi } from '../../workers/client.worker';
import { registerLabErrors } from '../../workers/errors';
import { initialStudentState, studentStore, type StudentState } from './classroomStore';
import { connectRelay, type RelaySocket } from './relaySocket';
import { decodeConfigure, decodeSetup, decodeTrain } from './wire';

registerLabErrors();
const get = studentStore.getState;
const set = (p: Partial<StudentState>) => studentStore.setState(p);
const note = (text: string) => set({ notes: [...get().notes, text].slice(-8) });
const TOKEN_KEY = 'backdoor-lab-seat-token';

let socket: RelaySocket | null = null;
let worker: Remote<ClientApi> | null = null;
/** Teacher messages run one at a time, in the order they came (setup before train). */
let queue: Promise<unknown> = Promise.resolve();
/** Test and demo hook: hold the next round's update (a frozen laptop), to drop out mid-round. */
let hold = false;
let params = 0;
/** The newest round the teacher asked for. */
let newest = 0;
let attackTimer: ReturnType<typeof setTimeout> | undefined;

/** This browser's one client: the simulator's own client worker, started on the first seat. */
async function client(seat: number): Promise<Remote<ClientApi>> {
  if (worker) return worker;
  const w = wrap<ClientApi>(new Worker(new URL('../../workers/client.worker.ts', import.meta.url), { type: 'module', name: 'classroom-client' }));
  const choice = await w.start({ id: seat, backend: 'auto' });
  set({ backend: `${choice.name} (${choice.reason})` });
  worker = w;
  return w;
}

async function handle(m: TeacherMessage): Promise<void> {
  const seat = get().seat ?? 0;
  switch (m.kind) {
    case 'seat':
      set({ seat: m.seat, rounds: m.rounds, attack: m.attack ?? null });
      return;
    case 'status':
      return note(m.text);
    case 'setup': {
      set({ state: 'loading' });
      const s = decodeSetup(m);
      await (await client(seat)).setup(transfer(s, [s.data.images.buffer]));
      return set({ state: 'ready' });
    }
    case 'configure':
      return (await client(seat)).configure(decodeConfigure(m));
    case 'train': {
      // A round the server has since given up on (it timed out here) is skipped, so a slow
      // laptop catches up instead of falling further behind.
      if (m.round < newest) return;
      const req = decodeTrain(m);
      params = req.weights.length;
      set({ state: 'training', round: req.round });
      socket?.emit('progress', { round: req.round, state: 'training', backend: get().backend ?? '' });
      const t0 = performance.now();
      const u = await (await client(seat)).train(transfer(req, [req.weights.buffer]));
      const ms = Math.round(performance.now() - t0);
      if (hold) return set({ state: 'holding' });
      const answer = await socket!.emitWithAck('update', { round: req.round, delta: u.delta.buffer as ArrayBuffer, numExamples: u.numExamples });
      if (!answer.ok) note(answer.error);
      set({ state: 'ready', trained: [...get().trained, { round: req.round, norm: norm(u.delta), ms }] });
      socket?.emit('progress', { round: req.round, state: 'sent', backend: get().backend ?? '', ms });
    }
  }
}

export const student = {
  /** A reload (or a new network) with a seat token in this tab rejoins the seat without the form. */
  init(code: string): void {
    studentStore.setState(initialStudentState(code));
    if (sessionStorage.getItem(TOKEN_KEY)) student.join(code, '');
  },

  join(code: string, name: string): void {
    set({ phase: 'joining', code, name, error: null });
    socket?.close();
    socket = connectRelay();
    socket.on('connect', async () => {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const back = token ? await socket!.emitWithAck('rejoin', token) : null;
      if (back?.ok) return set({ phase: 'joined', name: back.name });
      if (!name) return set({ phase: 'join' }); // the token was stale: ask for a name
      const r = await socket!.emitWithAck('join', { code, name });
      if (!r.ok) return set({ phase: 'join', error: r.error });
      sessionStorage.setItem(TOKEN_KEY, r.token);
      set({ phase: 'joined', name: r.name });
    });
    socket.on('connect_error', () => set({ error: 'cannot reach the classroom server' }));
    socket.on('teacher', (m) => {
      if (m.kind === 'train') newest = Math.max(newest, m.round);
      queue = queue.then(() => handle(m)).catch((e: unknown) => note(`error: ${(e as Error).message}`));
    });
    socket.on('closed', (why) => {
      set({ phase: 'closed' });
      note(why);
    });
  },

  /** The attacker's knobs, sent to the teacher's browser (which applies them only from this seat). */
  setAttack(a: AttackSettings): void {
    set({ attack: a });
    // A dragged slider fires per step: send the value it settles on (the relay bounds the rate).
    clearTimeout(attackTimer);
    attackTimer = setTimeout(() => socket?.emit('attack', a), 200);
  },

  /** Test and demo hooks (window.backdoorLab.classroom). */
  hooks: {
    hold(on: boolean): void {
      hold = on;
    },
    /** Send a malformed update, as a tampered browser would: the relay must refuse it. */
    async sendBad(kind: 'nan' | 'short' | 'oversized'): Promise<string> {
      const n = params || 1;
      const values = new Float32Array(kind === 'short' ? n - 1 : kind === 'oversized' ? n * 4 : n);
      if (kind === 'nan') values[n >> 1] = NaN;
      const r = await socket!.emitWithAck('update', { round: get().round ?? 0, delta: values.buffer, numExamples: 1 });
      const text = r.ok ? 'accepted' : r.error;
      note(text);
      return text;
    },
  },
};
