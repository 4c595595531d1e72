/** One class as seen by a learner: a dataset class under a rotation, with its example indices. */
export interface ClassRef {
  /** Dataset class id. */
  cls: number;
  /** Rotation by rotation × 90° (rotated copies are distinct classes). */
  rotation: number;
  /** Image indices for training / support sets. */
  train: number[];
  /** Held-out image indices for main-task validation. */
  val: number[];
}
