import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../store/labStore';
import { can, RUN_EVENTS, RUN_STATES, transition, type RunEvent } from './runStates';

/** The state after `events`, starting from `from`; throws at the first illegal one. */
const walk = (from: RunStatus, events: RunEvent[]): RunStatus => events.reduce(transition, from);

describe('run states', () => {
  it('runs a fresh run to the end: workers start, the coordinator runs, it finishes', () => {
    expect(walk('idle', ['start'])).toBe('starting');
    expect(walk('idle', ['start', 'run'])).toBe('running');
    expect(walk('idle', ['start', 'run', 'finished'])).toBe('done');
  });

  it('pauses after the current round and resumes', () => {
    expect(walk('running', ['pause'])).toBe('pausing');
    expect(walk('running', ['pause', 'paused'])).toBe('paused');
    expect(walk('running', ['pause', 'paused', 'run', 'finished'])).toBe('done');
    // A pause asked for during the last round: the run simply ends.
    expect(walk('running', ['pause', 'finished'])).toBe('done');
  });

  it('steps one round at a time, from idle, from paused, and past the end after rounds were added', () => {
    expect(walk('idle', ['start', 'run', 'paused'])).toBe('paused');
    expect(walk('paused', ['run', 'paused'])).toBe('paused');
    expect(walk('done', ['run', 'paused'])).toBe('paused');
  });

  it('prepares the workers for the data panel without running, then starts from there', () => {
    expect(walk('idle', ['start', 'prepared'])).toBe('ready');
    expect(walk('ready', ['start', 'run'])).toBe('running');
  });

  it('fails while starting or running, and Restart (reset, start) recovers; Step after an error starts over', () => {
    expect(walk('starting', ['fail'])).toBe('error');
    expect(walk('running', ['fail'])).toBe('error');
    expect(walk('pausing', ['fail'])).toBe('error');
    expect(walk('error', ['reset', 'start', 'run'])).toBe('running');
    expect(walk('error', ['start', 'run', 'paused'])).toBe('paused');
  });

  it('falls back to another preset: a failed start goes back to idle and starts again', () => {
    expect(walk('starting', ['reset', 'start'])).toBe('starting');
  });

  it('resets to idle from every state', () => {
    for (const s of RUN_STATES) expect(transition(s, 'reset'), s).toBe('idle');
  });

  it('allows each event exactly in these states', () => {
    const allowing = (e: RunEvent) => RUN_STATES.filter((s) => can(s, e)).sort();
    expect(allowing('start')).toEqual(['done', 'error', 'idle', 'paused', 'ready']); // not while work is in flight
    expect(allowing('prepared')).toEqual(['starting']);
    expect(allowing('run')).toEqual(['done', 'paused', 'starting']); // idle, ready and error must start first
    expect(allowing('pause')).toEqual(['running']);
    expect(allowing('paused')).toEqual(['pausing', 'running']);
    expect(allowing('finished')).toEqual(['pausing', 'running']);
    expect(allowing('fail')).toEqual(['pausing', 'running', 'starting']);
    expect(allowing('reset')).toEqual([...RUN_STATES].sort());
  });

  it('rejects illegal transitions by throwing, naming the event and the state', () => {
    expect(() => transition('running', 'start')).toThrow('run state: "start" is not allowed while running');
    expect(() => transition('idle', 'run')).toThrow(/"run" is not allowed while idle/);
    expect(() => transition('paused', 'pause')).toThrow(/"pause" is not allowed while paused/);
    expect(() => transition('done', 'fail')).toThrow(/"fail" is not allowed while done/);
    expect(() => walk('idle', ['start', 'run', 'finished', 'finished'])).toThrow(/"finished" is not allowed while done/);
  });

  it('reaches every state from idle', () => {
    const seen = new Set<RunStatus>(['idle']);
    const queue: RunStatus[] = ['idle'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of RUN_EVENTS) {
        if (!can(s, e)) continue;
        const next = transition(s, e);
        if (!seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
    expect([...seen].sort()).toEqual(['done', 'error', 'idle', 'paused', 'pausing', 'ready', 'running', 'starting']);
  });

  it('lets every button RunBar shows in a state fire legal events', () => {
    // [state, button, the events the controller fires for it]
    const buttons: [RunStatus, string, RunEvent[]][] = [
      ['idle', 'Start', ['start', 'run']],
      ['ready', 'Start', ['start', 'run']],
      ['running', 'Pause', ['pause']],
      ['paused', 'Resume', ['run']],
      ['paused', 'Step one round', ['run']],
      ['done', 'Continue', ['run']],
      ['done', 'Run again', ['reset', 'start', 'run']],
      ['error', 'Restart', ['reset', 'start', 'run']],
      ['error', 'Step one round', ['start', 'run']],
    ];
    for (const [state, button, events] of buttons) expect(() => walk(state, events), `${button} while ${state}`).not.toThrow();
  });
});
