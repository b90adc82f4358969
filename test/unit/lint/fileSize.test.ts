/**
 * npm run lint:size (eslint.size.config.mjs): a file in src/ of 301 lines fails, 300 pass, every
 * line counted (blank and comment lines too); the data files it exempts exist, and only they are exempt.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '../../..');

/** A TypeScript file of `lines` lines, every kind of line that could be left uncounted among them. */
function fileOf(lines: number): string {
  const kinds = ['export const a = 1;', '', '// a comment', '/* a block comment */', '  '];
  return Array.from({ length: lines }, (_, i) => kinds[i % kinds.length]!.replace('a = 1', `a${i} = ${i}`)).join('\n') + '\n';
}

describe('the file size limit (npm run lint:size, eslint.size.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.size.config.mjs') });
  const findings = async (text: string, filePath: string) => (await eslint.lintText(text, { filePath: join(root, filePath) })).flatMap((result) => result.messages.map((message) => message.ruleId ?? message.message));

  it('fails a file of src/ at 301 lines and passes it at 300, counting blank and comment lines', async () => {
    for (const file of ['src/core/planted.ts', 'src/extension/views/planted.ts', 'src/emulator/console/planted.ts']) {
      assert.deepEqual(await findings(fileOf(300), file), [], `${file}: 300 lines`);
      assert.deepEqual(await findings(fileOf(301), file), ['max-lines'], `${file}: 301 lines`);
      assert.deepEqual(await findings(fileOf(301).replace(/\n$/, ''), file), ['max-lines'], `${file}: 301 lines, no newline at the end`);
    }
  });

  it('exempts the data files by name, and only them', async () => {
    const { DATA_FILES } = (await import(join(root, 'eslint.size.config.mjs'))) as { DATA_FILES: string[] };
    assert.deepEqual(DATA_FILES.sort(), ['src/core/catalog/redirectRules.ts', 'src/core/catalog/seedElements.ts']);
    for (const file of DATA_FILES) {
      assert.ok(existsSync(join(root, file)), `${file} exists`);
      assert.deepEqual(await findings(fileOf(1000), file), [], file);
    }
    assert.deepEqual(await findings(fileOf(301), 'src/core/catalog/elements.ts'), ['max-lines'], 'a neighbour of the data files is not exempt');
  });

  it('runs max-lines only, so eslint-disable comments in src/ name known rules and nothing else is reported twice', async () => {
    const text = `// eslint-disable-next-line @typescript-eslint/no-require-imports -- a reason\nconst x = require('node:fs');\nvar y: any = x;\nexport { y };\n`;
    assert.deepEqual(await findings(text, 'src/core/planted.ts'), []);
  });

  it('is the check npm run lint:size runs on src/', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    assert.equal(scripts['lint:size'], 'eslint --max-warnings 0 --config eslint.size.config.mjs src');
  });
});
