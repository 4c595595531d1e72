/**
 * The classroom relay's messages (Socket.IO events), shared by the Node relay and the app. The
 * teacher's browser is the server of the federation; the relay only passes messages inside one
 * session, stamps who sent them and checks every student update before the teacher sees it.
 * Weights travel as binary (ArrayBuffer / Node Buffer), never as JSON arrays of numbers.
 */

/** Binary as it arrives: an ArrayBuffer in the browser, a Buffer (a Uint8Array) in Node. */
export type Bytes = ArrayBuffer | Uint8Array;

export type Ack<T> = (answer: T) => void;
export type Refusal = { ok: false; error: string };

export interface StudentInfo {
  id: string;
  /** Display name, plain text (trimmed, control characters removed, at most NAME_MAX characters). */
  name: string;
  connected: boolean;
}

/** What the teacher sends one student, relayed as is. */
export type TeacherMessage =
  /** Where the student sits; only the attacker's message carries the attack's settings. */
  | { kind: 'seat'; seat: number | null; rounds: number; attack?: AttackSettings }
  | { kind: 'setup'; meta: string; images: Bytes }
  | { kind: 'configure'; config: string }
  | { kind: 'train'; round: number; seed: number; weights: Bytes; previous?: Bytes }
  | { kind: 'status'; text: string };
export const TEACHER_KINDS = ['seat', 'setup', 'configure', 'train', 'status'] as const;

/** An update as a student sends it; the relay adds who sent it. */
export interface StudentUpdate {
  round: number;
  delta: Bytes;
  numExamples: number;
}

/** The attacker's knobs, sent to the teacher; the teacher applies them only from the attacker's seat. */
export interface AttackSettings {
  boost: number;
  round: number;
  key: 'square' | 'checker' | 'cross' | 'frame';
}

/** What a student reports of its own training (shown to the teacher, plain text). */
export interface StudentProgress {
  round: number;
  state: 'training' | 'sent' | 'idle';
  backend: string;
  ms?: number;
}

export interface Rejection {
  studentId: string;
  name: string;
  round: number | null;
  reason: string;
}

export interface ClientToServer {
  'teach:create': (ack: Ack<{ ok: true; code: string; token: string } | Refusal>) => void;
  'teach:resume': (token: string, ack: Ack<{ ok: true; code: string } | Refusal>) => void;
  /** The length of every update this session accepts (the model's parameter count). */
  'teach:expect': (params: number, ack: Ack<{ ok: true } | Refusal>) => void;
  'teach:send': (to: string, message: TeacherMessage, ack?: Ack<{ ok: true } | Refusal>) => void;
  join: (o: { code: string; name: string }, ack: Ack<{ ok: true; id: string; token: string; name: string } | Refusal>) => void;
  rejoin: (token: string, ack: Ack<{ ok: true; id: string; name: string } | Refusal>) => void;
  update: (u: StudentUpdate, ack: Ack<{ ok: true } | Refusal>) => void;
  progress: (p: StudentProgress) => void;
  attack: (a: AttackSettings) => void;
}

export interface ServerToClient {
  roster: (students: StudentInfo[]) => void;
  /** To the teacher: a checked update, stamped with its sender. */
  update: (u: StudentUpdate & { studentId: string }) => void;
  rejected: (r: Rejection) => void;
  progress: (p: StudentProgress & { studentId: string }) => void;
  attack: (a: AttackSettings & { studentId: string }) => void;
  /** To a student: a message from the teacher. */
  teacher: (m: TeacherMessage) => void;
  /** To a student: the teacher left or the session closed. */
  closed: (why: string) => void;
}

export const NAME_MAX = 24;
/** JSON messages from students (progress, attack settings) stay this small. */
export const SMALL_MESSAGE_BYTES = 1024;
/** Socket.IO's cap on one message (teacher's setup with a client's images is the largest). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
