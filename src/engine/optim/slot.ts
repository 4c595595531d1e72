import type { Adam } from './adam';

/**
 * A caller-owned place for one optimiser's state, kept across training calls: the learner fills it
 * on first use with the Adam its config asks for, later calls continue from its moments (Bhagoji et
 * al.'s code keeps one Adam per objective through the alternation). The caller disposes it.
 */
export class OptimiserSlot {
  adam: Adam | null = null;

  /** The slot's Adam, made by `make` the first time. */
  take(make: () => Adam): Adam {
    return (this.adam ??= make());
  }

  dispose(): void {
    this.adam?.dispose();
    this.adam = null;
  }
}
