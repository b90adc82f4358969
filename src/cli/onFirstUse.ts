/**
 * The parts of elements-lint that most runs never need, loaded the first time they are used. The
 * build turns each require('./<part>') here into require('./cli-<part>.js'), a bundle of its own
 * (scripts/build.mjs); in tests it is the source module.
 */
import type * as Globs from './glob';

let globModule: typeof Globs | undefined;

/** tinyglobby, with the fdir and picomatch under it: a fifth of the CLI's code, for globs only. */
export function globs(): typeof Globs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start
  return (globModule ??= require('./glob') as typeof Globs);
}

/**
 * Whether `pattern` may be a glob: false only for a pattern with none of the characters that
 * make one (`* ? [ ] { } ( ) ! + @` and the escaping backslash), which is then a file's name as it is.
 */
export function mayBeGlob(pattern: string): boolean {
  return /[*?[\]{}()!+@\\]/.test(pattern);
}
