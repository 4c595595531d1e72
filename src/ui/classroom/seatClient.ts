import { expose, transfer, wrap } from 'comlink';
import { checkUpdate } from '../../classroom/checkUpdate';
import type { StudentUpdate, TeacherMessage } from '../../classroom/protocol';
import type { ExperimentConfig } from '../../engine/config/schema';
import { imageSize } from '../../engine/data/types';
import type { ClientUpdate, TrainRequest } from '../../engine/fed/client';
import type { ClientApi } from '../../workers/client.worker';
import type { ClientSetup } from '../../workers/clientSetup';
import type { Lane } from '../../workers/clientLanes';
import { encodeConfigure, encodeSetup, encodeTrain } from './wire';

/** Why a seat's update came from its simulated client instead of its student. */
export type Fallback = 'absent' | 'left' | 'timeout' | 'rejected';

/** What a seat needs from the teacher's session (teacher.ts). */
export interface SeatLink {
  /** The student in this seat while connected, else null. */
  student(seat: number): string | null;
  send(student: string, m: TeacherMessage): Promise<boolean>;
  expect(params: number): Promise<void>;
  /** The student's checked update for `round`; null once they leave, are rejected or run out of time. */
  awaitUpdate(student: string, round: number): Promise<StudentUpdate | null>;
  /** Every update that reaches the aggregation, for the inspector. */
  onUpdate(seat: number, round: number, delta: Float32Array, from: { student: string } | { fallback: Fallback }): void;
}

/**
 * One seat of the federation, on the teacher's main thread, between the coordinator worker and
 * the seat's simulated client worker. The coordinator talks to it exactly as to a client worker
 * (ClientApi over a MessagePort), so the engine's round logic is unchanged. A seat whose student
 * is connected sends the round to the student's browser and waits for the update the relay
 * checked (and checks it again); without a student, or when the student leaves, is rejected or
 * times out, the simulated client trains the round instead, so a run never hangs on a student.
 */
export class SeatClient {
  private setupMessage: ReturnType<typeof encodeSetup> | null = null;
  private config: ExperimentConfig | null = null;
  private params = 0;
  private maxExamples = 0;

  constructor(readonly seat: number, private readonly local: ReturnType<typeof wrap<ClientApi>>, private readonly link: SeatLink) {}

  /** Expose this seat on a fresh port for the coordinator; `localPort` reaches the simulated client. */
  static interpose(seat: number, localPort: MessagePort, link: SeatLink): { port: MessagePort; seat: SeatClient } {
    const s = new SeatClient(seat, wrap<ClientApi>(localPort), link);
    const channel = new MessageChannel();
    expose({
      setup: (x: ClientSetup, lane?: Lane) => s.setup(x, lane),
      train: async (r: TrainRequest, lane?: Lane) => {
        const u = await s.train(r, lane);
        return transfer(u, [u.delta.buffer]);
      },
      configure: (c: ExperimentConfig, lane?: Lane) => s.configure(c, lane),
      dispose: () => s.local.dispose(),
    }, channel.port1);
    return { port: channel.port2, seat: s };
  }

  async setup(x: ClientSetup, lane: Lane = 'attacked'): Promise<void> {
    if (lane === 'attacked') {
      this.setupMessage = encodeSetup(x);
      this.config = x.config;
      this.maxExamples = x.data.images.length / imageSize(x.data);
      this.params = 0;
    }
    await this.local.setup(transfer(x, [x.data.images.buffer]), lane);
    if (lane === 'attacked') await this.attach();
  }

  /** Bring the seat's student (new, or back after leaving) up to date: its data and the live settings. */
  async attach(): Promise<void> {
    const student = this.link.student(this.seat);
    if (!student || !this.setupMessage) return;
    await this.link.send(student, this.setupMessage);
    if (this.config) await this.link.send(student, encodeConfigure(this.config));
  }

  async configure(c: ExperimentConfig, lane: Lane = 'attacked'): Promise<void> {
    await this.local.configure(c, lane);
    if (lane !== 'attacked') return;
    this.config = c;
    const student = this.link.student(this.seat);
    if (student) await this.link.send(student, encodeConfigure(c));
  }

  async train(r: TrainRequest, lane: Lane = 'attacked'): Promise<ClientUpdate> {
    if (lane !== 'attacked') return this.local.train(transfer(r, [r.weights.buffer]), lane);
    const fromStudent = await this.askStudent(r);
    if (!('fallback' in fromStudent)) return fromStudent;
    const u = await this.local.train(transfer({ ...r, weights: r.weights.slice() }, []), lane);
    // A copy: the update itself is transferred on to the coordinator.
    this.link.onUpdate(this.seat, r.round, u.delta.slice(), fromStudent);
    return u;
  }

  private async askStudent(r: TrainRequest): Promise<ClientUpdate | { fallback: Fallback }> {
    const student = this.link.student(this.seat);
    if (!student) return { fallback: 'absent' };
    if (this.params !== r.weights.length) {
      await this.link.expect(r.weights.length);
      this.params = r.weights.length;
    }
    const waiting = this.link.awaitUpdate(student, r.round);
    if (!(await this.link.send(student, encodeTrain(r)))) return { fallback: 'left' };
    const u = await waiting;
    if (!u) return { fallback: this.link.student(this.seat) ? 'timeout' : 'left' };
    // The relay checked it; the server checks again before anything reaches the aggregation.
    const check = checkUpdate(u.delta, r.weights.length);
    if (!check.ok) return { fallback: 'rejected' };
    const delta = check.delta.slice();
    this.link.onUpdate(this.seat, r.round, delta.slice(), { student });
    // |D_i| weights the average: a student may not claim more examples than the seat holds.
    return { clientId: this.seat, delta, numExamples: Math.min(Math.max(1, u.numExamples), Math.max(1, this.maxExamples)) };
  }
}
