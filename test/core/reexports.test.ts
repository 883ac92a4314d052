import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectHost } from '../../src/audit/project-host.js';
import { Workspace } from '../../src/core/model.js';
import { findApiCalls } from '../../src/core/calls.js';
import { tempProject } from '../helpers/temp-project.js';

// An app module that re-exports a storage API, in every form, imported by a
// caller in every form: the call must be recognised as the API's through the
// CLI's project host (which follows imports), and stay unknown where the
// module gives nothing under that name.

interface ReexportForm {
  name: string;
  module: string;
  /** Where the API is in the module's exports: its members by name, or its whole namespace under one export. */
  exposes: { members: true } | { namespace: string };
}

const SECURE_STORE = 'expo-secure-store';
const ASYNC_STORAGE = '@react-native-async-storage/async-storage';

const secureStoreForms: ReexportForm[] = [
  { name: 'export {…} from', module: `export { setItemAsync, getItemAsync } from '${SECURE_STORE}';`, exposes: { members: true } },
  { name: 'export * from', module: `export * from '${SECURE_STORE}';`, exposes: { members: true } },
  { name: 'export * as S from', module: `export * as S from '${SECURE_STORE}';`, exposes: { namespace: 'S' } },
  { name: 'import * as S; export { S }', module: `import * as S from '${SECURE_STORE}';\nexport { S };`, exposes: { namespace: 'S' } },
  { name: 'import * as S; export { S as Vault }', module: `import * as S from '${SECURE_STORE}';\nexport { S as Vault };`, exposes: { namespace: 'Vault' } },
  { name: 'import * as S; export default S', module: `import * as S from '${SECURE_STORE}';\nexport default S;`, exposes: { namespace: 'default' } },
  { name: 'import * as S; export const store = S', module: `import * as S from '${SECURE_STORE}';\nexport const store = S;`, exposes: { namespace: 'store' } },
  { name: 'const S = require(); export { S }', module: `const S = require('${SECURE_STORE}');\nexport { S };`, exposes: { namespace: 'S' } },
];

const asyncStorageForms: ReexportForm[] = [
  {
    name: 'export { default as AsyncStorage } from',
    module: `export { default as AsyncStorage } from '${ASYNC_STORAGE}';`,
    exposes: { namespace: 'AsyncStorage' },
  },
  { name: 'export { default } from', module: `export { default } from '${ASYNC_STORAGE}';`, exposes: { namespace: 'default' } },
  {
    name: 'import AsyncStorage; export default AsyncStorage',
    module: `import AsyncStorage from '${ASYNC_STORAGE}';\nexport default AsyncStorage;`,
    exposes: { namespace: 'default' },
  },
  {
    name: 'import AsyncStorage; export const storage = AsyncStorage',
    module: `import AsyncStorage from '${ASYNC_STORAGE}';\nexport const storage = AsyncStorage;`,
    exposes: { namespace: 'storage' },
  },
];

type ImportForm = 'named' | 'namespace' | 'default' | 'require';
const importForms: ImportForm[] = ['named', 'namespace', 'default', 'require'];

/** The caller's code for one import form, or undefined when the form cannot name what the module exposes. */
function callerCode(form: ImportForm, exposes: ReexportForm['exposes'], method: string): string {
  const call = (receiver: string | undefined) => `${receiver ? `${receiver}.` : ''}${method}('k', 'v');`;
  if ('members' in exposes) {
    if (form === 'named') return `import { ${method} } from './lib/store';\n${call(undefined)}`;
    if (form === 'namespace') return `import * as M from './lib/store';\n${call('M')}`;
    // No default export: the default import is undefined, nothing to recognise.
    if (form === 'default') return `import D from './lib/store';\n${call('D')}`;
    return `const R = require('./lib/store');\n${call('R')}`;
  }
  const exported = exposes.namespace;
  if (form === 'named')
    return exported === 'default'
      ? `import { default as N } from './lib/store';\n${call('N')}`
      : `import { ${exported} as N } from './lib/store';\n${call('N')}`;
  if (form === 'namespace') return `import * as M from './lib/store';\n${call(`M.${exported}`)}`;
  if (form === 'default') return `import D from './lib/store';\n${call('D')}`;
  return exported === 'default' ? `const R = require('./lib/store').default;\n${call('R')}` : `const R = require('./lib/store');\n${call(`R.${exported}`)}`;
}

/** Whether the caller's name reaches the API at all (the default import reaches only a default export). */
function reaches(form: ImportForm, exposes: ReexportForm['exposes']): boolean {
  return form !== 'default' || ('namespace' in exposes && exposes.namespace === 'default');
}

function recognisedCalls(module: string, caller: string): string[] {
  const dir = tempProject({ 'lib/store.ts': module, 'screen.ts': caller, 'tsconfig.json': '{}' });
  const texts = new Map(['lib/store.ts', 'screen.ts'].map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')]));
  const host = new ProjectHost(texts);
  const workspace = new Workspace(host);
  const sf = host.sourceFile(join(dir, 'screen.ts'))!;
  return findApiCalls(workspace.file(sf)).map((c) => c.apiName);
}

describe.each([
  { api: 'SecureStore', forms: secureStoreForms, method: 'setItemAsync' },
  { api: 'AsyncStorage', forms: asyncStorageForms, method: 'setItem' },
])('a module re-exporting $api, imported in every form', ({ api, forms, method }) => {
  const table = forms.flatMap((reexport) => importForms.map((form) => ({ reexport, form })));
  it.each(table)('$reexport.name, imported $form', ({ reexport, form }) => {
    const expected = reaches(form, reexport.exposes) ? [`${api}.${method}`] : [];
    expect(recognisedCalls(reexport.module, callerCode(form, reexport.exposes, method))).toEqual(expected);
  });
});

describe('the same modules without a host (the ESLint plugin without type information)', () => {
  it('recognise nothing through another file', () => {
    const caller = callerCode('namespace', { members: true }, 'setItemAsync');
    const dir = tempProject({ 'screen.ts': caller });
    const host = new ProjectHost(new Map([[join(dir, 'screen.ts'), caller]]));
    const sf = host.sourceFile(join(dir, 'screen.ts'))!;
    expect(findApiCalls(new Workspace().file(sf))).toEqual([]);
  });
});
