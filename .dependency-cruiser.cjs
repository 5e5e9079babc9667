/** Architecture rules (DESIGN.md "Layout", STYLE.md 16). `npm run lint:deps` fails on any violation. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles are forbidden, type-only ones included: a cycle of types is still a cycle of concepts.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-domain-agnostic',
      severity: 'error',
      comment: 'platform/ never imports modules/, hub/ or apps/.',
      from: { path: '^platform/' },
      to: { path: '^(modules|hub|apps)/' },
    },
    {
      name: 'modules-are-isolated',
      severity: 'error',
      comment: 'A module never imports another module; share through contracts/.',
      from: { path: '^modules/([^/]+)/' },
      to: { path: '^modules/([^/]+)/', pathNot: '^modules/$1/' },
    },
    {
      name: 'hub-speaks-contracts',
      severity: 'error',
      comment: 'The integration hub knows public contracts, never a module.',
      from: { path: '^hub/' },
      to: { path: '^modules/' },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'contracts/ depends on nothing of ours but platform/kernel.',
      from: { path: '^contracts/' },
      to: { path: '^(modules|hub|apps)/|^platform/(?!kernel/)' },
    },
    {
      name: 'no-importing-apps',
      severity: 'error',
      comment: 'Only apps compose; nothing imports them.',
      from: { path: '^(platform|contracts|modules|hub)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that cannot be resolved is invisible to every rule above (and is a bug). Workspace packages ' +
        '(@omnistream/*) resolve through their node_modules symlinks to their real paths under platform/ and apps/.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(node_modules|data|dist|coverage)/|^bench/results/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
