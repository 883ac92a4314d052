// Loads `typescript` through require: importing it as an ES module makes Node
// scan its 9 MB source for named exports first, which costs more than loading
// it. Under ESLint the parser has usually required this same copy already.
module.exports = require('typescript');
