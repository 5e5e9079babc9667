/** Architecture rules (DESIGN.md "Layout", STYLE.md 16). `npm run lint:deps` fails on any violation. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles are forbidden.', from: {}, to: { circular: true } },
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
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'contracts/ depends on nothing but platform/kernel.',
      from: { path: '^contracts/' },
      to: { path: '^(modules|hub|apps)/' },
    },
    {
      name: 'no-importing-apps',
      severity: 'error',
      comment: 'Only apps compose; nothing imports them.',
      from: { path: '^(platform|contracts|modules|hub)/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|data|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};
