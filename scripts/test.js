// `npm test` / `npm run test:all`: builds and typechecks at the same time
// (each is one compiler process on one core, and neither needs the other),
// then runs vitest with the arguments given (the fast projects, or none: all).
// The tests need the build: the CLI they run is the built one.
import { spawn } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const [build, typecheck] = await Promise.all([run('npm', ['run', 'build']), run(npx, ['tsc', '-p', 'tsconfig.json', '--noEmit'])]);
if (build !== 0 || typecheck !== 0) {
  console.error(`npm test: ${build !== 0 ? 'the build' : 'the typecheck'} failed, no test was run`);
  process.exit(1);
}
process.exit(await run(npx, ['vitest', 'run', ...process.argv.slice(2)]));
