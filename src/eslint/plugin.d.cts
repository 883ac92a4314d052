// Types for plugin.cjs: the same plugin object the ES module exports as default.
declare const plugin: typeof import('./plugin.js', { with: { 'resolution-mode': 'import' } }).default;

export = plugin;
