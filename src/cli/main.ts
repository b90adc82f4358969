import { runCli } from './run';

const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`elements-lint: unexpected failure: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
