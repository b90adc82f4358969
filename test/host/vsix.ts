/** Packages the extension as a .vsix with vsce (its prepublish step builds dist/). */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT, VSIX } from './paths';
import { run } from './processes';

export async function packageVsix(out = VSIX): Promise<string> {
  await mkdir(dirname(out), { recursive: true });
  await run(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT });
  return out;
}
