/** The benchmark's inputs, generated the same way on every run. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/core/catalog';
import { renderTemplate } from '../../src/core/instanceFile/template';

const root = join(__dirname, '../..');

/** A valid xero instance file of about `bytes`, its configuration grown with numbered settings. */
export function bigInstance(bytes: number): string {
  const configuration: Record<string, string> = {
    'oauth.api.key': '${keychain:xero.oauth.api.key}',
    'oauth.api.secret': '${keychain:xero.oauth.api.secret}',
    'oauth.callback.url': 'https://acme.example.com/auth',
    'xero.partner': 'true',
  };
  const body = { element: { key: 'xero' }, providerData: { code: '${keychain:code}' }, configuration, tags: ['accounting'], name: 'Big' };
  let size = JSON.stringify(body, null, 2).length;
  for (let i = 0; size < bytes; i++) {
    for (let j = 0; j < 100; j++) {
      const key = `custom.setting.${i}.${j}`;
      const value = `value number ${i}.${j} with some text`;
      configuration[key] = value;
      size += key.length + value.length + 12;
    }
  }
  return JSON.stringify(body, null, 2) + '\n';
}

/** Every straight quote made curly, alternating “ and ”, as a word processor does. */
export const curlyQuoted = (text: string) => {
  let count = 0;
  return text.replace(/"/g, () => (count++ % 2 === 0 ? '“' : '”'));
};

/** The comma at the end of every entry line removed. */
export const missingCommas = (text: string) => text.replace(/",\n/g, '"\n');

/** The documentation's examples (test/fixtures/seeds/). */
export function seeds(): string[] {
  const folder = join(root, 'test/fixtures/seeds');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8'));
}

/** Real documentation bodies: the docs' example instance bodies, every catalog template, the seeds. */
export function docBodies(): string[] {
  const source = JSON.parse(readFileSync(join(root, 'scripts/catalog-source/elements.json'), 'utf8')) as Array<{ example_instance_json?: { template?: unknown } }>;
  const examples = source.flatMap((element) => (element.example_instance_json?.template ? [JSON.stringify(element.example_instance_json.template, null, 2) + '\n'] : []));
  const templates = catalog.elements.flatMap((element) => element.flows.map((flow) => renderTemplate(element, flow)));
  return [...examples, ...templates, ...seeds()];
}
