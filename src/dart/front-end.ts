// What the audit uses of the Dart front-end once there is a Dart file to
// parse: loaded with the parser (src/audit/dart-loader.ts), so that a run on
// an Expo-only app never loads, nor compiles, the code that reads Dart trees.

export { dartComments } from './comments.js';
export { analyseDartTree, nullCallsFile } from './file-facts.js';
export { mayCallWithNull, nullCallIds, nullCallName } from './null-calls.js';
export { EMPTY_SUMMARY, mayDeclareMembers, summaryOfTree } from './library-summary.js';
export { ParseOnce } from './parse-once.js';
