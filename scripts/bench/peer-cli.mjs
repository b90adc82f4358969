// The peers' whole process, for `npm run bench`: what a CI job would run instead of elements-lint,
// VS Code's JSON language service with the generated schema over each file, printing its findings.
// Usage: node scripts/bench/peer-cli.mjs <schema.json> <file>...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { getLanguageService, TextDocument } = require('vscode-json-languageservice');

const [schemaPath, ...files] = process.argv.slice(2);
const service = getLanguageService({});
service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'inmemory://instance.schema.json', fileMatch: ['*.json'], schema: JSON.parse(readFileSync(schemaPath, 'utf8')) }] });
const reports = [];
for (const file of files) {
  const document = TextDocument.create(`file://${file}`, 'json', 1, readFileSync(file, 'utf8'));
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
  reports.push({ file, diagnostics: diagnostics.map((d) => ({ message: d.message, line: d.range.start.line + 1, column: d.range.start.character + 1 })) });
}
process.stdout.write(JSON.stringify(reports) + '\n');
