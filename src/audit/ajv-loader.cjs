// Loads ajv when a config file is validated, not when the CLI starts: most
// runs have no config file, and loading ajv costs about 20 ms.
exports.loadAjv = () => require('ajv');
