// Loads `typescript` through require: importing it as an ES module makes Node
// scan its 9 MB source for named exports first, which costs more than loading
// it. Under ESLint the parser has usually required this same copy already.
// Assigned through a variable on purpose: `module.exports = require(...)` is
// read by Node as a re-export and brings the scan back.
const ts = require('typescript');

module.exports = ts;
