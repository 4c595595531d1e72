import type { RunStatus } from '../store/labStore';

/**
 * The run's states as data: which event moves which status where. The controller changes
 * `status` only through `transition`, so this table is the whole story (and RunBar's buttons
 * only offer what it allows). Step is not an event of its own: it is a `run` that the
 * coordinator stops after one round, so it ends in `paused` (or `done`).
 */
export const RUN_EVENTS = [
  /** Start the workers and give them the data and θ_G (a new run, or again after an error). */
  'start',
  /** The workers are ready at round 0 and nothing runs (the data panel asked for them). */
  'prepared',
  /** The coordinator runs: to the end, or one round (Step). Also resume and continue. */
  'run',
  /** The user asked to stop after the current round. */
  'pause',
  /** The coordinator stopped before the end (after a pause or a step). */
  'paused',
  /** Every round ran, and the fine-tuning phase when there is one. */
  'finished',
  /** A worker or the run failed; the workers are gone. */
  'fail',
  /** Back to round 0 (also how Restart and the dataset fallback begin). */
  'reset',
] as const;

export type RunEvent = (typeof RUN_EVENTS)[number];

type Moves = Readonly<Partial<Record<RunEvent, RunStatus>>>;

/** state × event → next state; a missing entry is an illegal transition. */
export const RUN_TRANSITIONS: { readonly [S in RunStatus]: Moves } = {
  idle: { start: 'starting', reset: 'idle' },
  starting: { prepared: 'ready', run: 'running', fail: 'error', reset: 'idle' },
  ready: { start: 'starting', reset: 'idle' },
  running: { pause: 'pausing', paused: 'paused', finished: 'done', fail: 'error', reset: 'idle' },
  // A pause asked for during the last round ends the run instead.
  pausing: { paused: 'paused', finished: 'done', fail: 'error', reset: 'idle' },
  paused: { start: 'starting', run: 'running', reset: 'idle' },
  // `run` from done continues when rounds were added after the run finished.
  done: { start: 'starting', run: 'running', reset: 'idle' },
  error: { start: 'starting', reset: 'idle' },
};

export const RUN_STATES = Object.keys(RUN_TRANSITIONS) as RunStatus[];

/** Whether `event` is legal in `state`. */
export const can = (state: RunStatus, event: RunEvent): boolean => RUN_TRANSITIONS[state][event] !== undefined;

/** The state after `event`; an illegal transition is a bug in the caller, so it throws. */
export function transition(state: RunStatus, event: RunEvent): RunStatus {
  const next = RUN_TRANSITIONS[state][event];
  if (next === undefined) throw new Error(`run state: "${event}" is not allowed while ${state}`);
  return next;
}
