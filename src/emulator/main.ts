/** Entry point of dist/emulator.js (`npm run emulator`; `npm start` adds --seed). */
import { runCli } from './cli';

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  let stopping = false;
  const stop = () => {
    // A second Ctrl+C while closing exits at once.
    if (stopping) process.exit(0);
    stopping = true;
    result.emulator.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
