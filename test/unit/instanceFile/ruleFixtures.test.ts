/**
 * CONTRIBUTING's lint-rule recipe, enforced where the compiler, ruleRegistry.test.ts (package.json),
 * cli/sarif.test.ts (elements-lint/README.md) and cliPackage.test.ts do not: every rule of
 * LINT_RULES has its fixture test/fixtures/lint/<id>.instance.json, which shows at least one finding
 * of that rule, a case in rules.test.ts (a `describe('<id>')` that lints the fixture), and a mention
 * in the README's elements-lint section. Every fixture of the folder belongs to a rule
 * (<id>.instance.json or <id>-<variant>.instance.json) and shows it, or is the clean valid.instance.json.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULES } from '../../../src/core/instanceFile/rules';
import { fixture, fixturesDir, lintAt } from '../helpers';

const FOLDER = join(fixturesDir, 'lint');
const RULES_TEST = readFileSync(join(__dirname, 'rules.test.ts'), 'utf8');
const ids: string[] = LINT_RULES.map((rule) => rule.id);

/** The rule a fixture belongs to: the longest rule id its name starts with (event-poller-dates before event-…). */
function ruleOf(file: string): string | undefined {
  const name = file.replace(/\.instance\.json$/, '');
  return [...ids].sort((a, b) => b.length - a.length).find((id) => name === id || name.startsWith(`${id}-`));
}

describe('the lint-rule recipe (CONTRIBUTING: Adding a lint rule)', () => {
  for (const id of ids) {
    it(`${id}: (step 5) test/fixtures/lint/${id}.instance.json shows a finding of the rule, and rules.test.ts has a case that reads it`, () => {
      const file = `${id}.instance.json`;
      assert.ok(existsSync(join(FOLDER, file)), `add test/fixtures/lint/${file}: a file that shows what ${id} finds`);
      const found = lintAt(fixture(`lint/${file}`)).filter((diagnostic) => diagnostic.rule === id);
      assert.ok(found.length > 0, `test/fixtures/lint/${file} gives no ${id} finding`);
      assert.ok(RULES_TEST.includes(`describe('${id}', () => {`), `rules.test.ts: add describe('${id}', …)`);
      assert.ok(RULES_TEST.includes(`'${file}'`), `rules.test.ts: add a case that lints ${file}`);
    });
  }

  it("the README's elements-lint section lists every rule (step 4)", () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## elements-lint\n'), readme.indexOf('\n## ', readme.indexOf('\n## elements-lint\n') + 1));
    assert.ok(section.length > 0, 'README.md has a section "## elements-lint"');
    for (const id of ids) assert.ok(section.includes(`\`${id}\``), `README.md, section "elements-lint": list \`${id}\``);
  });

  it('every fixture of the folder belongs to a rule and shows its finding, or is the clean valid.instance.json', () => {
    for (const file of readdirSync(FOLDER)) {
      assert.match(file, /\.instance\.json$/, file);
      const found = lintAt(fixture(`lint/${file}`));
      if (file === 'valid.instance.json') {
        assert.deepEqual(found, [], file);
        continue;
      }
      const id = ruleOf(file);
      assert.ok(id, `${file} is named for no rule of LINT_RULES`);
      assert.ok(found.some((diagnostic) => diagnostic.rule === id), `${file} gives no ${id} finding`);
    }
  });
});
