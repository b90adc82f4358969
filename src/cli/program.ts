/** The elements-lint process: its arguments, output and exit code around runCli (run.ts). */
import { fstatSync, writeSync } from 'node:fs';
import { runCli } from './run';

/**
 * Writes straight to the file descriptor, synchronously — as Node's own stdout and stderr do for
 * files and pipes — without making process.stdout, which loads Node's stream, net and tty modules
 * (a few milliseconds of every run that prints). A descriptor left non-blocking by another process
 * (EAGAIN when the pipe is full) gets the rest through the stream; once the reader is gone (EPIPE,
 * as in `elements-lint … | head`), the rest is dropped and the exit code stays the lint's.
 */
function descriptorWriter(fd: number, stream: () => NodeJS.WriteStream): (text: string) => void {
  let mode: 'direct' | 'stream' | 'closed' = 'direct';
  return (text) => {
    if (text === '' || mode === 'closed') return;
    if (mode === 'stream') {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EPIPE') mode = 'closed';
      else if (code === 'EAGAIN') {
        mode = 'stream';
        stream().write(bytes.subarray(written));
      } else throw error;
    }
  };
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: descriptorWriter(1, () => process.stdout),
  stderr: descriptorWriter(2, () => process.stderr),
  // Read only when the stylish format prints a finding (run.ts). A terminal is a character device:
  // for a pipe or a file, fstat answers without making the stream that isTTY needs.
  get color() {
    if ('NO_COLOR' in process.env || !fstatSync(1).isCharacterDevice()) return false;
    return process.stdout.isTTY === true;
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`elements-lint: unexpected failure: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
