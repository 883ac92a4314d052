// `require('securestore-audit/eslint-plugin')`, as a CommonJS eslint.config.js
// (Expo's template writes one) does it. Node's require() of the ES module
// alone would give its namespace, `{ default: plugin }`, and
// `securestore.configs` would be undefined. This file hands back the plugin
// itself, loaded through require(esm) (Node 20.19+, 22.12+): one module
// instance whichever way the plugin is loaded, so a config that both imports
// and requires it still sees one `securestore` plugin.
'use strict';

module.exports = require('./plugin.js').default;
