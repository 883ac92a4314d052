// Loads ajv when a config file is validated, not when the CLI starts: most
// runs have no config file, and loading ajv has a start-up cost.
exports.loadAjv = () => require('ajv');
