console.error('elements-lint: not implemented yet');
process.exitCode = 2;
