import { describe, expect, it, vi } from 'vitest';
import type { StudentUpdate, TeacherMessage } from '../../classroom/protocol';
import type { ExperimentConfig } from '../../engine/config/schema';
import type { ClientSetup } from '../../workers/clientSetup';
import { SeatClient, type SeatLink } from './seatClient';

const config = { rounds: 3 } as unknown as ExperimentConfig;
const setupFor = (): ClientSetup => ({
  id: 1, config, refs: [], backdoor: null, model: {} as ClientSetup['model'], spec: [],
  data: { name: 'synthetic', width: 2, height: 2, images: new Uint8Array(16), classes: [] }, // 4 images
});
const req = () => ({ round: 2, seed: 7, weights: new Float32Array([0, 0, 0]) });

/** A seat whose simulated client answers [9, 9, 9], and whose student answers `answer` (if present). */
function seat(o: { present: boolean; answer?: StudentUpdate | null; leaves?: boolean }) {
  let present = o.present;
  const sent: TeacherMessage[] = [];
  const seen: unknown[] = [];
  const local = {
    setup: vi.fn(async () => undefined),
    configure: vi.fn(async () => undefined),
    train: vi.fn(async () => ({ clientId: 1, delta: new Float32Array([9, 9, 9]), numExamples: 4 })),
    dispose: vi.fn(async () => undefined),
  };
  const link: SeatLink = {
    student: () => (present ? 's1' : null),
    send: async (_, m) => { sent.push(m); return true; },
    expect: async () => undefined,
    awaitUpdate: async () => {
      if (o.leaves) present = false;
      return o.answer ?? null;
    },
    onUpdate: (_s, round, delta, from) => seen.push({ round, delta: [...delta], from }),
  };
  return { client: new SeatClient(1, local as never, link), local, sent, seen };
}

const update = (values: number[], numExamples = 3): StudentUpdate => ({ round: 2, delta: new Float32Array(values).buffer, numExamples });

describe('SeatClient', () => {
  it('gives a connected student its data and settings, and keeps a copy of the images for them', async () => {
    const s = seat({ present: true });
    const setup = setupFor();
    await s.client.setup(setup);
    expect(s.sent.map((m) => m.kind)).toEqual(['setup', 'configure']);
    expect((s.sent[0] as { images: ArrayBuffer }).images.byteLength).toBe(16);
    expect(s.local.setup).toHaveBeenCalledOnce();
  });

  it('aggregates the student\'s update as this seat, with |D_i| no larger than the seat\'s data', async () => {
    const s = seat({ present: true, answer: update([1, 2, 3], 1e9) });
    await s.client.setup(setupFor());
    const u = await s.client.train(req());
    expect(u).toEqual({ clientId: 1, delta: new Float32Array([1, 2, 3]), numExamples: 4 });
    expect(s.local.train).not.toHaveBeenCalled();
    expect(s.seen).toEqual([{ round: 2, delta: [1, 2, 3], from: { student: 's1' } }]);
  });

  it('lets the simulated client train when the seat is empty, the student leaves, times out or sends a bad update', async () => {
    for (const [o, why] of [
      [{ present: false }, 'absent'],
      [{ present: true, answer: null, leaves: true }, 'left'],
      [{ present: true, answer: null }, 'timeout'],
      [{ present: true, answer: update([1, NaN, 3]) }, 'rejected'],
      [{ present: true, answer: update([1, 2]) }, 'rejected'],
    ] as const) {
      const s = seat(o);
      await s.client.setup(setupFor());
      const u = await s.client.train(req());
      expect([...u.delta]).toEqual([9, 9, 9]);
      expect(s.seen).toEqual([{ round: 2, delta: [9, 9, 9], from: { fallback: why } }]);
    }
  });
});
