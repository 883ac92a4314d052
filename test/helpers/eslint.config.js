// The flat config a user writes: the plugin imported by its package name.
import securestore from 'securestore-audit/eslint-plugin';

export default [securestore.configs.recommended];
