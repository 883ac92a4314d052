// Types for plugin.cjs: the same plugin object the ES module exports as default.
// typescript-eslint's project service reads this file without the import's
// resolution mode, so the type it sees is an error type; tsc resolves it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
declare const plugin: typeof import('./plugin.js', { with: { 'resolution-mode': 'import' } }).default;

export = plugin;
