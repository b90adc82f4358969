/**
 * The entry point of the GitHub Action (action.yml: `runs.main`), built into elements-lint/action.js
 * beside the elements-lint it runs. The runner passes the inputs as INPUT_* variables.
 */
import { join } from 'node:path';
import { ActionExit, escapeData, runAction } from './action';

runAction({ env: process.env, cli: join(__dirname, 'cli.js'), write: (text) => process.stdout.write(text) }).then(
  (exit) => {
    process.exitCode = exit;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=elements-lint::${escapeData(`The elements-lint Action failed: ${(error as Error).message}`)}\n`);
    process.exitCode = ActionExit.didNotRun;
  },
);
