/** The four metrics of every Chen et al. figure, with their panel titles. */
export const METRICS = [
  ['attackTrainSuccess', 'Attack success, training set (%)'],
  ['attackValSuccess', 'Attack success, validation (%)'],
  ['mainTaskAccuracy', 'Main-task accuracy (%)'],
  ['metaTestAccuracy', 'Meta-testing accuracy (%)'],
] as const;
