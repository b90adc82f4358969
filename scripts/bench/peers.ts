/**
 * What a user would otherwise run on an instance file: VS Code's JSON language service with our
 * generated schema (what `jsonValidation` gives), jsonc-parser with an ajv validator of the same
 * schema, and jsonc-parser's parse alone (the floor: reading the JSON, checking nothing).
 */
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { catalog } from '../../src/core/catalog';
import { buildInstanceSchema } from '../../src/core/instanceFile/schema';

export type Check = (text: string) => unknown;

const schema = buildInstanceSchema(catalog);

export function languageService(): (text: string, version?: number) => Promise<unknown> {
  const service = getLanguageService({});
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'inmemory://instance.schema.json', fileMatch: ['*.json'], schema }] });
  return async (text, version = 1) => {
    const document = TextDocument.create('file:///bench/instance.json', 'json', version, text);
    return service.doValidation(document, service.parseJSONDocument(document));
  };
}

export function jsoncAjv(): Check {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (text) => {
    const errors: unknown[] = [];
    const value = parse(text, errors as never, { disallowComments: true });
    validate(value);
    return [errors, validate.errors];
  };
}

export const jsoncParse: Check = (text) => parse(text);
