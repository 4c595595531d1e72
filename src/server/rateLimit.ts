/**
 * A token bucket per socket: `burst` messages at once, refilled at `perSecond`. A student's
 * browser sends a few messages a round; a flood is dropped with a refusal instead of being relayed.
 */
export class RateLimit {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, private readonly now: () => number = Date.now) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Students: a few messages per round; the teacher sends one per seat per round and more. */
export const STUDENT_RATE = { perSecond: 5, burst: 20 };
export const TEACHER_RATE = { perSecond: 200, burst: 400 };
