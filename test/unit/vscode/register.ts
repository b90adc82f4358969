/** Makes `require('vscode')` resolve to the fake in unit tests (the real module exists only in VS Code). */
import Module from 'node:module';
import { join } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;
const fake = join(__dirname, 'fakeVscode.ts');

moduleWithResolve._resolveFilename = function resolveVscode(request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? original.call(this, fake, ...rest) : original.call(this, request, ...rest);
};
