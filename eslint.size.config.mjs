// npm run lint:size: no file in src/ over 300 lines, data aside (CONTRIBUTING.md "How the code is
// layered"). Every line counts, blank lines and comments too: it is the length a reader scrolls
// through, as `wc -l` counts it. A file that outgrows it has more than one job: split it by job.
// Its own config so it can run apart from the other rules: it keeps eslint.config.mjs's files,
// parsers and plugins (the eslint-disable comments in src/ name known rules) and runs max-lines only.
import config from './eslint.config.mjs';

/** Data, not code: the seed catalog and the providers' redirect rules, each entry with its sources. */
export const DATA_FILES = ['src/core/catalog/seedElements.ts', 'src/core/catalog/redirectRules.ts'];

export default [
  ...config.map((block) => Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'rules'))),
  {
    files: ['src/**/*.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  { files: DATA_FILES, rules: { 'max-lines': 'off' } },
];
