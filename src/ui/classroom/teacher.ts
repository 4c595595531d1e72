import type { AttackSettings, StudentUpdate, TeacherMessage } from '../../classroom/protocol';
import { checkAttackSettings } from '../../classroom/attackSettings';
import { controller } from '../runtime/controller';
import { lab, labStore } from '../store/labStore';
import { classroomConfig } from './classroomConfig';
import { initialTeacherState, teacherStore, type TeacherState } from './classroomStore';
import { connectRelay, type RelaySocket } from './relaySocket';
import { SeatClient, type SeatLink } from './seatClient';
import { seatPlan } from './seatPlan';

const get = teacherStore.getState;
const set = (p: Partial<TeacherState>) => teacherStore.setState(p);
const TOKEN_KEY = 'backdoor-lab-teacher-token';

let socket: RelaySocket | null = null;
const seatClients = new Map<number, SeatClient>();
const waiters = new Map<string, { round: number; done: (u: StudentUpdate | null) => void }>();
/** How long a seat waits for its student's update before its simulated client trains instead. */
let timeoutMs = 90_000;

const seatOf = (student: string): number => get().seats.indexOf(student);
const connected = (student: string) => get().students.some((s) => s.id === student && s.connected);
const settle = (student: string, u: StudentUpdate | null, round?: number | null) => {
  const w = waiters.get(student);
  if (!w || (round != null && round !== w.round)) return;
  waiters.delete(student);
  w.done(u);
};

const send = async (to: string, m: TeacherMessage): Promise<boolean> => {
  const r = await socket?.timeout(10_000).emitWithAck('teach:send', to, m).catch(() => null);
  return r?.ok === true;
};

const link: SeatLink = {
  student: (seat) => {
    const id = get().seats[seat];
    return id && connected(id) ? id : null;
  },
  send,
  async expect(params) {
    const r = await socket?.timeout(10_000).emitWithAck('teach:expect', params).catch(() => null);
    if (!r?.ok) throw new Error(`the classroom relay did not accept the model size (${r ? r.error : 'no answer'})`);
  },
  awaitUpdate: (student, round) => new Promise((resolve) => {
    settle(student, null);
    const timer = setTimeout(() => settle(student, null), timeoutMs);
    waiters.set(student, { round, done: (u) => { clearTimeout(timer); resolve(u); } });
  }),
  onUpdate(seat, round, delta, from) {
    set({ updates: [...get().updates, { seat, round, delta, student: 'student' in from ? from.student : null, ...('fallback' in from ? { fallback: from.fallback } : {}) }] });
  },
};

/** The attack's live settings as the attacker's student sees them. */
function attackSettings(): AttackSettings | undefined {
  const a = labStore.getState().config.attack;
  if (a.kind === 'none') return undefined;
  const round = a.schedule.kind === 'single-shot' ? a.schedule.round : 1;
  const key = a.key.kind === 'patch' ? a.key.shape : 'checker';
  return { boost: 'boost' in a ? a.boost : 1, round, key };
}

function seatMessage(student: string): TeacherMessage {
  const seat = seatOf(student);
  const attacker = seat >= 0 && seat === attackerSeat();
  return { kind: 'seat', seat: seat >= 0 ? seat : null, rounds: labStore.getState().config.rounds, ...(attacker ? { attack: attackSettings() } : {}) };
}

const attackerSeat = (): number | null => {
  const a = labStore.getState().config.attack;
  return a.kind === 'none' ? null : a.attacker;
};

/** The attacker's knobs, applied only from the attacker's seat and only where the config has them. */
function applyAttack(raw: AttackSettings & { studentId: string }): void {
  const seat = attackerSeat();
  if (seat === null || get().seats[seat] !== raw.studentId) return;
  const a = checkAttackSettings(raw, labStore.getState().config.rounds);
  if (!a) return;
  lab.setField('attack.boost', a.boost);
  if (labStore.getState().config.attack.kind !== 'none') {
    const c = labStore.getState().config.attack as { schedule: { kind: string }; key: { kind: string } };
    if (c.schedule.kind === 'single-shot') lab.setField('attack.schedule.round', a.round);
    if (c.key.kind === 'patch') lab.setField('attack.key.shape', a.key);
  }
  set({ attack: a });
}

function onRoster(students: TeacherState['students']): void {
  const before = new Set(get().students.filter((s) => s.connected).map((s) => s.id));
  set({ students });
  for (const s of students) {
    if (s.connected && !before.has(s.id)) {
      // New or back: their seat (if any), then their seat's data and settings.
      void send(s.id, seatMessage(s.id));
      const seat = seatOf(s.id);
      if (seat >= 0) void seatClients.get(seat)?.attach();
    }
    if (!s.connected) settle(s.id, null);
  }
}

export const teacher = {
  /** Open (or, after a reload, resume) the session and start listening. */
  connect(search: string): void {
    if (socket) return; // StrictMode mounts twice
    const t = Number(new URLSearchParams(search).get('timeout'));
    if (t > 0) timeoutMs = t * 1000;
    socket = connectRelay();
    socket.on('connect', async () => {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const resumed = token ? await socket!.emitWithAck('teach:resume', token) : null;
      if (resumed?.ok) return set({ code: resumed.code, error: null });
      const created = await socket!.emitWithAck('teach:create');
      if (!created.ok) return set({ error: created.error });
      sessionStorage.setItem(TOKEN_KEY, created.token);
      set({ code: created.code, error: null });
    });
    socket.on('connect_error', () => set({ error: 'cannot reach the classroom server (is `npm run classroom` running?)' }));
    socket.on('roster', onRoster);
    socket.on('update', (u) => settle(u.studentId, u, u.round));
    socket.on('rejected', (r) => {
      set({ rejections: [...get().rejections, r] });
      settle(r.studentId, null, r.round);
    });
    socket.on('progress', (p) => set({ progress: { ...get().progress, [p.studentId]: p } }));
    socket.on('attack', applyAttack);
    void fetch('/classroom/info').then((r) => r.json()).then((i: { address?: unknown }) => {
      if (typeof i.address === 'string') set({ address: i.address });
    }).catch(() => set({ address: location.origin }));
    controller.interposeClients((id, port) => {
      const { port: out, seat } = SeatClient.interpose(id, port, link);
      seatClients.set(id, seat);
      return out;
    });
  },

  chooseAttacker(choice: string): void {
    set({ attackerChoice: choice });
  },

  /** Seat the class, tell each student where they sit (and the attacker what they hold), run. */
  async start(): Promise<void> {
    lab.setConfig(classroomConfig(labStore.getState().config));
    lab.setPaired(false);
    const pick = new Uint32Array(2);
    crypto.getRandomValues(pick);
    // The attacker's seat is drawn too, so a class that plays twice cannot just watch seat 0.
    if (attackerSeat() !== null) lab.setField('attack.attacker', pick[1] % labStore.getState().config.federation.users);
    const config = labStore.getState().config;
    const plan = seatPlan(get().students.filter((s) => s.connected).map((s) => s.id), config.federation.users, attackerSeat(), get().attackerChoice, pick[0]);
    set({ seats: plan.seats, attacker: plan.attacker, revealed: false, updates: [], rejections: [], attack: attackSettings() ?? null });
    await Promise.all(get().students.filter((s) => s.connected).map((s) => send(s.id, seatMessage(s.id))));
    await controller.start();
  },

  pause: () => controller.pause(),
  resume: () => controller.resume(),

  reset(): void {
    controller.reset();
    for (const id of [...waiters.keys()]) settle(id, null);
    set({ seats: [], attacker: null, revealed: false, updates: [], rejections: [], progress: {} });
  },

  reveal(): void {
    set({ revealed: true });
    const { attacker, students, seats } = get();
    const name = students.find((s) => s.id === attacker)?.name;
    const text = name ? `The attacker was ${name} (seat ${seats.indexOf(attacker!)}).` : `The attacker was a simulated client (seat ${attackerSeat()}).`;
    for (const s of students) if (s.connected) void send(s.id, { kind: 'status', text });
  },
};

export const resetTeacherState = () => teacherStore.setState(initialTeacherState());
