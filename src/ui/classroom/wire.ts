import type { Bytes, TeacherMessage } from '../../classroom/protocol';
import type { ExperimentConfig } from '../../engine/config/schema';
import type { TrainRequest } from '../../engine/fed/client';
import type { ClientSetup } from '../../workers/clientSetup';

/**
 * A client's setup and train requests as relay messages: the plain-data part as JSON text, the
 * images and weights as binary. Socket.IO hands binary back as an ArrayBuffer in the browser.
 */
const buffer = (b: Bytes): ArrayBuffer => (b instanceof ArrayBuffer ? b : (Uint8Array.from(b).buffer as ArrayBuffer));
const f32 = (a: Float32Array): ArrayBuffer => a.slice().buffer as ArrayBuffer;

/** Copies the images: the caller still transfers its own setup to the seat's simulated client. */
export function encodeSetup(s: ClientSetup): Extract<TeacherMessage, { kind: 'setup' }> {
  const { images, ...data } = s.data;
  return { kind: 'setup', meta: JSON.stringify({ ...s, data }), images: images.slice().buffer as ArrayBuffer };
}

export function decodeSetup(m: Extract<TeacherMessage, { kind: 'setup' }>): ClientSetup {
  const s = JSON.parse(m.meta) as ClientSetup;
  return { ...s, data: { ...s.data, images: new Uint8Array(buffer(m.images)) } };
}

export const encodeConfigure = (c: ExperimentConfig): Extract<TeacherMessage, { kind: 'configure' }> => ({ kind: 'configure', config: JSON.stringify(c) });
export const decodeConfigure = (m: Extract<TeacherMessage, { kind: 'configure' }>): ExperimentConfig => JSON.parse(m.config) as ExperimentConfig;

export function encodeTrain(r: TrainRequest): Extract<TeacherMessage, { kind: 'train' }> {
  return { kind: 'train', round: r.round, seed: r.seed, weights: f32(r.weights), ...(r.previous ? { previous: f32(r.previous) } : {}) };
}

export function decodeTrain(m: Extract<TeacherMessage, { kind: 'train' }>): TrainRequest {
  return {
    round: m.round,
    seed: m.seed,
    weights: new Float32Array(buffer(m.weights)),
    ...(m.previous ? { previous: new Float32Array(buffer(m.previous)) } : {}),
  };
}
