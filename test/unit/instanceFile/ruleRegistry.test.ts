import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEVERITY, RULES } from '../../../src/core/instanceFile/diagnostics';
import { LINT_RULES } from '../../../src/core/instanceFile/rules';

const root = join(__dirname, '../../..');
const rulesDir = join(root, 'src/core/instanceFile/rules');
/** The files of rules/ that are not rules. */
const INFRASTRUCTURE = ['context.ts', 'index.ts', 'rule.ts'];

/** `cloudElements.lint.severities` as it must read in package.json: one property per rule, with its description. */
function severitiesSchema() {
  return {
    type: 'object',
    default: {},
    markdownDescription: 'Override a rule\'s severity: `error`, `warning`, `info` or `off`, e.g. `{ "placeholder": "info" }`.',
    properties: Object.fromEntries(
      LINT_RULES.map((rule) => [rule.id, { type: 'string', enum: ['error', 'warning', 'info', 'off'], description: rule.description }]),
    ),
    additionalProperties: false,
  };
}

describe('lint rule registry', () => {
  it('registers every rule file of rules/ once, with a unique id', () => {
    const files = readdirSync(rulesDir).filter((name) => name.endsWith('.ts') && !INFRASTRUCTURE.includes(name));
    assert.equal(LINT_RULES.length, files.length, `rules/index.ts lists ${LINT_RULES.length} rules; rules/ holds ${files.length} rule files`);
    for (const file of files) {
      assert.match(readFileSync(join(rulesDir, file), 'utf8'), /defineRule\(/, `${file} defines a rule`);
    }
    assert.equal(new Set(LINT_RULES.map((rule) => rule.id)).size, LINT_RULES.length);
    assert.deepEqual(Object.keys(RULES), LINT_RULES.map((rule) => rule.id));
    assert.deepEqual(Object.keys(DEFAULT_SEVERITY), LINT_RULES.map((rule) => rule.id));
  });

  it('package.json\'s cloudElements.lint.severities schema names exactly the registered rules, with their descriptions', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const actual = manifest.contributes.configuration.properties['cloudElements.lint.severities'];
    assert.deepEqual(actual, severitiesSchema(), `package.json drifted from rules/index.ts; it should read:\n${JSON.stringify(severitiesSchema(), null, 2)}`);
  });
});
