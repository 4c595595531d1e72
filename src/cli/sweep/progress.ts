import { formatDuration } from '../format';
import type { Cell } from './cell';
import { jobCost } from './cost';

const WIDTH = 20;

/**
 * One progress bar for a whole sweep: cells done of all, and an ETA from the cost of the cells
 * finished so far (cells differ in rounds, episodes, fine-tuning; a plain count would mislead).
 */
export class Progress {
  private readonly total: number;
  private doneCost = 0;
  private done = 0;
  private readonly started = Date.now();

  constructor(private readonly todo: readonly Cell[], private readonly skipped: number, private readonly log: (s: string) => void) {
    this.total = todo.reduce((s, c) => s + jobCost(c.config), 0);
  }

  /** Logs the bar after `cell` finished. */
  finished(cell: Cell): void {
    this.done++;
    this.doneCost += jobCost(cell.config);
    const all = this.todo.length + this.skipped;
    const elapsed = Date.now() - this.started;
    const eta = this.doneCost > 0 ? (elapsed / this.doneCost) * (this.total - this.doneCost) : 0;
    const filled = Math.round((WIDTH * (this.done + this.skipped)) / Math.max(1, all));
    this.log(`[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${this.done + this.skipped}/${all} ${cell.name} done · ${formatDuration(elapsed)} elapsed · ETA ${formatDuration(eta)}`);
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }
}
