/**
 * `--format sarif` and `--sarif-output`: SARIF 2.1.0, which GitHub code scanning and other CI
 * viewers show inline. One rule per lint rule, results with their regions, fixes as SARIF fixes,
 * and the files that could not be read or written as tool execution notifications.
 *
 * No informationUri or helpUri: a SARIF viewer opens them as web addresses, and elements-lint has
 * no web page it can vouch for. Each rule's help names its section of the README.md that is
 * shipped with elements-lint (elements-lint/README.md in this repository) instead.
 */
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINT_RULES } from '../core/instanceFile/rules';
import type { FileReport, Region } from './format';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A command-line path as a SARIF URI: relative ones against %SRCROOT% (the working folder), with `/` and escapes. */
function artifact(file: string): ArtifactLocation {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

const region = ({ line, column, endLine, endColumn }: Region) => ({ startLine: line, startColumn: column, endLine, endColumn });

export function formatSarif(reports: FileReport[], problems: string[], cwd: string, version: string): string {
  const ruleIndex = new Map<string, number>(LINT_RULES.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap(({ file, diagnostics }) => {
    const location = artifact(file);
    return diagnostics.map((d) => ({
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule),
      level: d.severity,
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(d) } }],
      ...(d.fixes?.length && {
        fixes: d.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit), insertedContent: { text: edit.newText } })),
            },
          ],
          properties: { safe: fix.safe },
        })),
      }),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'elements-lint',
            version,
            rules: LINT_RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: `${rule.description}. elements-lint --fix applies the safe fixes; more in the README.md of elements-lint, section "${rule.id}".` },
              defaultConfiguration: { level: rule.defaultSeverity === 'info' ? 'note' : rule.defaultSeverity },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((problem) => ({ level: 'error', message: { text: problem } })),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
