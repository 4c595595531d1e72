/**
 * Layer rules, checked by `npm run check:layers` (part of `npm test`). Imports only point down:
 * the two tables below are the whole diagram, the rules are generated from them. Cycles between
 * folders are checked separately, without tests (.dependency-cruiser-folders.cjs).
 */

// Engine layers, lowest first: a file may import its own layer or a lower one.
const engineLayers = [
  ['config/', 'rng.ts', 'errors.ts'],
  ['backend/'],
  ['data/'],
  ['model/', 'optim/'],
  ['tasks/'],
  ['learners/'],
  ['fed/'],
  ['attacks/', 'defense/'],
  ['eval/'],
  ['experiment/'],
];
// Folders in one layer that must not import each other (others in a layer may, without a cycle).
const strangers = [['attacks/', 'defense/']];

// The folders outside the engine and what each may import besides itself. Nothing lists
// src/ui, so nothing outside it imports it.
const areas = {
  'src/engine': [],
  'src/node': ['src/engine'],
  // The classroom protocol and checks, shared by the relay (Node) and the app (browser).
  'src/classroom': [],
  'src/server': ['src/classroom', 'src/engine', 'src/node'],
  'src/workers': ['src/engine'],
  'src/cli': ['src/engine', 'src/node'],
  'src/ui': ['src/engine', 'src/workers', 'src/classroom'],
  scripts: ['src/engine', 'src/node', 'src/cli'],
  // The browser bench measures the app's own worker start-up, so it runs src/workers' code.
  'scripts/bench/browser': ['src/engine', 'src/workers', 'scripts/bench'],
  e2e: [],
};
// npm packages the engine may use: it runs in the page, in workers and in Node.
const enginePackages = ['@tensorflow/*', 'zod'];

const TEST = String.raw`\.test\.ts$`;
const TESTING = '^src/engine/testing/';
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const enginePath = (entry) => `^src/engine/${esc(entry)}${entry.endsWith('/') ? '' : '$'}`;
const under = (dir) => `^${esc(dir)}/`;
const nested = (dir) => Object.keys(areas).filter((d) => d.startsWith(`${dir}/`)).map(under);
const inLayers = (layers) => layers.flat().map(enginePath);
const packagePath = (name) => `^node_modules/${esc(name).replace('\\*', '[^/]+')}/`;

const layerRules = engineLayers.map((layer, i) => ({
  name: `engine-layer-${i}`,
  comment: `${layer.join(' ')} (layer ${i}) may import only: ${engineLayers.slice(0, i + 1).map((l) => l.join(' ')).join(' < ')}. A folder in no layer counts as higher.`,
  severity: 'error',
  from: { path: layer.map(enginePath), pathNot: TEST },
  to: { path: '^src/engine/', pathNot: [...inLayers(engineLayers.slice(0, i + 1)), TESTING] },
}));

const strangerRules = strangers.flatMap((group) =>
  group.flatMap((from) => group.filter((to) => to !== from).map((to) => ({
    name: `engine-${from.replace('/', '')}-not-${to.replace('/', '')}`,
    comment: `${group.join(' and ')} share a layer and must not import each other.`,
    severity: 'error',
    from: { path: enginePath(from), pathNot: TEST },
    to: { path: enginePath(to) },
  }))),
);

const areaRules = Object.entries(areas).map(([dir, allowed]) => ({
  name: `${dir.replaceAll('/', '-')}-imports`,
  comment: `${dir} may import ${allowed.length ? allowed.join(', ') : 'nothing outside itself'}${dir === 'e2e' ? ' (type-only imports excepted)' : ''}.`,
  severity: 'error',
  // Tests run on Node and may also use the Node glue and the scripts (e.g. to build a fixture).
  from: { path: under(dir), pathNot: [...nested(dir), TEST] },
  to: {
    dependencyTypes: ['local'],
    pathNot: [under(dir), ...allowed.map(under)],
    ...(dir === 'e2e' ? { dependencyTypesNot: ['type-only'] } : {}),
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...strangerRules,
    {
      name: 'engine-not-in-a-layer',
      comment: 'Every engine file belongs to a layer (or is a test, or a test helper in testing/).',
      severity: 'error',
      from: { path: '^src/engine/', pathNot: [...inLayers(engineLayers), TESTING, TEST] },
      to: {},
    },
    {
      name: 'engine-packages',
      comment: `The engine runs on every host: besides its own files it uses only ${enginePackages.join(', ')} (tests excepted).`,
      severity: 'error',
      from: { path: '^src/engine/', pathNot: [TEST, TESTING] },
      to: { dependencyTypesNot: ['local'], pathNot: enginePackages.map(packagePath) },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'src/engine/testing/ holds test helpers: only *.test.ts files (and testing/ itself) import it.',
      severity: 'error',
      from: { pathNot: [TEST, TESTING] },
      to: { path: TESTING },
    },
    ...areaRules,
    {
      name: 'no-circular',
      comment: 'No import cycles between modules (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve cannot be checked.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Type-only imports couple folders as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages like vite resolve only through package.json "exports".
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
