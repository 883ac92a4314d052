// eslint-doc-generator derives a plugin's rule prefix from its package name.
// Our rules live under the `securestore/` namespace inside a package named
// securestore-audit, so the generator reads the built plugin through this
// package, whose name gives it the prefix users write in their configs.
import plugin from '../../dist/src/eslint/plugin.js';

export default { ...plugin, meta: { ...plugin.meta, name: 'eslint-plugin-securestore' } };
