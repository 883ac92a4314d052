// Preloaded into the CLI under test (NODE_OPTIONS=--require): records every
// path the process opens or reads through `fs`, one per line, in the file
// named by SSA_TRACE_READS. It observes; it changes no behaviour.
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');

const log = process.env.SSA_TRACE_READS;
const seen = [];
const record = (path) => {
  if (typeof path === 'string' || path instanceof URL || Buffer.isBuffer(path)) seen.push(String(path));
};
for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream', 'readdirSync', 'opendirSync']) {
  const original = fs[name];
  fs[name] = function traced(path, ...rest) {
    record(path);
    return original.call(this, path, ...rest);
  };
}
for (const name of ['readFile', 'open', 'readdir']) {
  const original = fs.promises[name];
  fs.promises[name] = function traced(path, ...rest) {
    record(path);
    return original.call(this, path, ...rest);
  };
}
// ES modules that import { readFileSync } from 'node:fs' see the traced functions too.
syncBuiltinESMExports();
const write = fs.writeFileSync;
process.on('exit', () => write(log, seen.join('\n')));
