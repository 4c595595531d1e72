import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AttackSettings, Rejection, StudentInfo, StudentProgress } from '../../classroom/protocol';
import type { Fallback } from './seatClient';

/** One update that reached the aggregation: from the seat's student, or its simulated stand-in and why. */
export interface SeenUpdate {
  seat: number;
  round: number;
  delta: Float32Array;
  student: string | null;
  fallback?: Fallback;
}

export interface TeacherState {
  code: string | null;
  /** The address students open (the relay's LAN address). */
  address: string | null;
  error: string | null;
  students: StudentInfo[];
  /** Student id per seat (client id); null: a simulated client. */
  seats: (string | null)[];
  /** Who the teacher picked as attacker before the start ('random' or a student id). */
  attackerChoice: string;
  /** Who got the attacker's seat (kept off the screen until the reveal). */
  attacker: string | null;
  revealed: boolean;
  progress: Record<string, StudentProgress>;
  rejections: Rejection[];
  updates: SeenUpdate[];
  /** The attacker's last settings as the server applied them. */
  attack: AttackSettings | null;
}

export const initialTeacherState = (): TeacherState => ({
  code: null, address: null, error: null, students: [], seats: [], attackerChoice: 'random', attacker: null, revealed: false,
  progress: {}, rejections: [], updates: [], attack: null,
});

export const teacherStore = createStore<TeacherState>()(initialTeacherState);
export const useTeacher = <T>(f: (s: TeacherState) => T): T => useStore(teacherStore, f);

export interface StudentState {
  phase: 'join' | 'joining' | 'joined' | 'closed';
  code: string;
  name: string;
  error: string | null;
  seat: number | null;
  rounds: number;
  /** Present only in the attacker's browser. */
  attack: AttackSettings | null;
  backend: string | null;
  state: 'waiting' | 'loading' | 'ready' | 'training' | 'holding';
  round: number | null;
  trained: { round: number; norm: number; ms: number }[];
  /** The relay's refusals of this browser's updates, and the teacher's notes. */
  notes: string[];
}

export const initialStudentState = (code: string): StudentState => ({
  phase: 'join', code, name: '', error: null, seat: null, rounds: 0, attack: null, backend: null, state: 'waiting', round: null, trained: [], notes: [],
});

export const studentStore = createStore<StudentState>()(() => initialStudentState(''));
export const useStudent = <T>(f: (s: StudentState) => T): T => useStore(studentStore, f);
