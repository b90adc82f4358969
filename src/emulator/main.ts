console.error('emulator: not implemented yet');
process.exitCode = 2;
