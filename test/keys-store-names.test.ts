import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The key registry names every store the way the rules' messages do, MMKV and
// the browser's storage included; its JSON keeps the stores' ids.

const app = () =>
  tempProject({
    'src/prefs.ts':
      "import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\nexport function save(v: string) { storage.set('prefs.theme', v); }\nexport function load() { return storage.getString('prefs.theme'); }\n",
    'src/tab.web.ts': "export function remember(v: string) { localStorage.setItem('ui.lastTab', v); }\n",
  });

describe('keys: store names', () => {
  it('names MMKV and web storage in the text registry', async () => {
    const run = await runCli(['keys'], { cwd: app() });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((line) => !line.startsWith(' '))).toEqual(['prefs.theme  (MMKV)', 'ui.lastTab  (web storage)', '', '2 keys', '']);
  });

  it('names them in the markdown registry too, and keeps the ids in JSON', async () => {
    const cwd = app();
    const markdown = await runCli(['keys', '--format', 'markdown'], { cwd });
    expect(markdown.stdout).toContain('| `prefs.theme` | MMKV | `src/prefs.ts:3` | `src/prefs.ts:4` | — | — |');
    expect(markdown.stdout).toContain('| `ui.lastTab` | web storage | `src/tab.web.ts:1` | — | — | — |');
    const json = await runCli(['keys', '--format', 'json'], { cwd });
    expect(JSON.parse(json.stdout).map((entry: { store: string }) => entry.store)).toEqual(['mmkv', 'web-storage']);
  });
});
