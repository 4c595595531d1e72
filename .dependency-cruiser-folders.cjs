/**
 * Cycles between folders, the second half of `npm run check:layers`. Tests are left out: a test
 * that imports its layer's helpers from src/engine/testing/ (which import that layer) is not a
 * cycle in the code that ships. The layer and import rules are in .dependency-cruiser.cjs.
 */
const { options } = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'No import cycles between folders (tests left out).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: { ...options, exclude: { path: String.raw`\.test\.ts$` } },
};
