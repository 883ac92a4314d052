import { describe, expect, it } from 'vitest';
import { ts } from '../../src/core/ts.js';
import { describeString, resolveKeychainClass, resolveObject, resolveString } from '../../src/core/values.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';

/** Resolves the initializer of `const probe = …` at the end of the file. */
function probe(files: Record<string, string>, name = '/a.ts') {
  const { file } = memoryWorkspace(files);
  const model = file(name);
  const last = model.sf.statements[model.sf.statements.length - 1] as ts.VariableStatement;
  return { model, expr: last.declarationList.declarations[0]!.initializer! };
}

const str = (files: Record<string, string>) => {
  const { model, expr } = probe(files);
  const value = resolveString(expr, model);
  return value && describeString(value);
};

describe('resolveString', () => {
  it('follows literals, consts, as const, templates, + and object properties', () => {
    expect(str({ '/a.ts': "const probe = 'auth.token';" })).toBe('auth.token');
    expect(str({ '/a.ts': "const P = 'auth';\nconst K = `${P}.refresh` as const;\nconst probe = K;" })).toBe('auth.refresh');
    expect(str({ '/a.ts': "const KEYS = { access: 'auth.access' } as const;\nconst probe = KEYS.access;" })).toBe('auth.access');
    expect(str({ '/a.ts': "const KEYS = { ...{ a: 'x' }, b: 'y' };\nconst probe = KEYS['a'] + '.' + KEYS.b;" })).toBe('x.y');
    expect(str({ '/a.ts': "enum Keys { Token = 'auth.token' }\nconst probe = Keys.Token;" })).toBe('auth.token');
  });

  it('keeps unknown parts as holes and never guesses', () => {
    expect(str({ '/a.ts': 'declare const id: string;\nconst probe = `auth.remember.${id}`;' })).toBe('auth.remember.${…}');
    expect(str({ '/a.ts': 'let k = "a";\nk = "b";\nconst probe = k;' })).toBeUndefined();
    expect(str({ '/a.ts': 'declare function f(): string;\nconst probe = f();' })).toBeUndefined();
  });

  it('resolves constants imported from other files, through re-exports and aliases', () => {
    const files = {
      '/keys.ts': "export const ACCESS = 'auth.accessToken';",
      '/index.ts': "export * from './keys';",
      '/a.ts': "import { ACCESS as A } from '@/index';\nconst probe = A;",
    };
    expect(str(files)).toBe('auth.accessToken');
    // An object exported as the module's default export.
    expect(str({ '/keys.ts': "export default { refresh: 'auth.refreshToken' };", '/a.ts': "import KEYS from './keys';\nconst probe = KEYS.refresh;" })).toBe(
      'auth.refreshToken',
    );
  });
});

describe('resolveString: keys built by the app', () => {
  it('a call to a key-building function is its returned string, with the arguments in place of the parameters', () => {
    const arrow = 'const mnemonicKey = (a: string) => `${a}-mnemonic`;\n';
    expect(str({ '/a.ts': arrow + "const probe = mnemonicKey('0xab');" })).toBe('0xab-mnemonic');
    expect(str({ '/a.ts': arrow + 'declare const address: string;\nconst probe = mnemonicKey(address);' })).toBe('${…}-mnemonic');
    // A declaration with a single return, `+` concatenation, a constant in the body and a second parameter.
    const declared = "const ROOT = 'wallet';\nfunction keyFor(kind: string, id: string) {\n  return ROOT + '.' + kind + '.' + id;\n}\n";
    expect(str({ '/a.ts': declared + "declare const id: string;\nconst probe = keyFor('privateKey', id);" })).toBe('wallet.privateKey.${…}');
    // A missing argument is unknown, not the parameter's default.
    expect(str({ '/a.ts': "const k = (a = 'x') => `k.${a}`;\nconst probe = k();" })).toBe('k.${…}');
  });

  it('follows a builder imported from another file', () => {
    const files = {
      '/keys.ts': 'export const privateKeyKeyFor = (address: string) => `${address}-private-key`;',
      '/a.ts': "import { privateKeyKeyFor } from './keys';\ndeclare const a: string;\nconst probe = privateKeyKeyFor(a);",
    };
    expect(str(files)).toBe('${…}-private-key');
  });

  it('does not resolve functions whose result it cannot be sure of', () => {
    // More than one statement, async, a generator, a function that is not const, a method.
    expect(str({ '/a.ts': "function k(a: string) {\n  log(a);\n  return `k.${a}`;\n}\nconst probe = k('x');" })).toBeUndefined();
    expect(str({ '/a.ts': "const k = async (a: string) => `k.${a}`;\nconst probe = k('x');" })).toBeUndefined();
    expect(str({ '/a.ts': "function* k(a: string) {\n  return `k.${a}`;\n}\nconst probe = k('x');" })).toBeUndefined();
    expect(str({ '/a.ts': "let k = (a: string) => `k.${a}`;\nconst probe = k('x');" })).toBeUndefined();
    expect(str({ '/a.ts': "declare const o: { k(a: string): string };\nconst probe = o.k('x');" })).toBeUndefined();
    // A spread argument hides which parameter gets what.
    expect(str({ '/a.ts': 'const k = (a: string) => `k.${a}`;\ndeclare const xs: [string];\nconst probe = k(...xs);' })).toBe('k.${…}');
  });

  it('resolves static readonly class fields through the class name and through this in a static method', () => {
    const cls =
      "class Keys {\n  private static readonly PREFIX = 'split_key_';\n  static mutable = 'm_';\n  static key(id: string) {\n    return `${this.PREFIX}${id}`;\n  }\n  own(id: string) {\n    return `${this.PREFIX}${id}`;\n  }\n}\n";
    const last = (files: Record<string, string>) => {
      const { model } = probe(files);
      const klass = model.sf.statements[0] as ts.ClassDeclaration;
      const method = (name: string) => klass.members.find((m) => m.name?.getText() === name) as ts.MethodDeclaration;
      const returned = (name: string) => (method(name).body!.statements[0] as ts.ReturnStatement).expression!;
      return { model, returned };
    };
    expect(str({ '/a.ts': cls + 'const probe = Keys.PREFIX;' })).toBe('split_key_');
    expect(str({ '/a.ts': cls + 'const probe = Keys.mutable;' })).toBeUndefined();
    const { model, returned } = last({ '/a.ts': cls + 'const probe = 1;' });
    expect(describeString(resolveString(returned('key'), model)!)).toBe('split_key_${…}');
    // In an instance method, `this` is an instance: the static field is not there.
    expect(describeString(resolveString(returned('own'), model)!)).toBe('${…}${…}');
  });

  it('resolves an instance field through this in an instance member, unless the file writes it again', () => {
    const returnedOf = (code: string, method: string) => {
      const { model } = probe({ '/a.ts': code + 'const probe = 1;' });
      const klass = model.sf.statements.find((s) => ts.isClassDeclaration(s)) as ts.ClassDeclaration;
      const found = klass.members.find((m) => m.name?.getText() === method) as ts.MethodDeclaration;
      const value = resolveString((found.body!.statements[0] as ts.ReturnStatement).expression!, model);
      return value && describeString(value);
    };
    const vault = "class Vault {\n  protected key = 'vault.code';\n  read() {\n    return this.key;\n  }\n}\n";
    expect(returnedOf(vault, 'read')).toBe('vault.code');
    // Written again anywhere in the file: which value a read sees depends on when it runs.
    expect(returnedOf(vault + "declare const v: Vault;\nv['key'] = 'other';\n", 'read')).toBeUndefined();
    expect(returnedOf(vault.replace('read() {', "reset() {\n    this.key = 'b';\n  }\n  read() {"), 'read')).toBeUndefined();
    expect(returnedOf(vault.replace('read() {', 'constructor(o: object) {\n    Object.assign(this, o);\n  }\n  read() {'), 'read')).toBeUndefined();
    // A subclass in the file declares it again: a base method may read the subclass's value.
    expect(returnedOf(vault + "class Guest extends Vault {\n  protected key = 'guest';\n}\n", 'read')).toBeUndefined();
    // Writes into another object's entries are not writes of the field.
    expect(
      returnedOf(vault.replace('read() {', 'cache: Record<string, string> = {};\n  put(id: string) {\n    this.cache[id] = id;\n  }\n  read() {'), 'read'),
    ).toBe('vault.code');
    // A `function` has its own `this`.
    expect(returnedOf(vault.replace('return this.key;', 'return (function (this: any) { return this.key; })();'), 'read')).toBeUndefined();
  });
});

describe('resolveObject and resolveKeychainClass', () => {
  it('merges spreads and marks unknown spreads as incomplete', () => {
    const { model, expr } = probe({
      '/a.ts': "declare const base: object;\nconst A = { keychainService: 's' };\nconst probe = { ...A, ...base, requireAuthentication: true };",
    });
    const object = resolveObject(expr, model)!;
    expect([...object.properties.keys()]).toEqual(['keychainService', 'requireAuthentication']);
    expect(object.complete).toBe(false);
  });

  it('recognises SecureStore constants by binding, not by spelling', () => {
    const classOf = (code: string) => {
      const { model, expr } = probe({ '/a.ts': code });
      return resolveKeychainClass(expr, model);
    };
    expect(classOf("import * as S from 'expo-secure-store';\nconst probe = S.AFTER_FIRST_UNLOCK;")).toEqual({ kind: 'constant', name: 'AFTER_FIRST_UNLOCK' });
    expect(classOf("import { WHEN_UNLOCKED as W } from 'expo-secure-store';\nconst C = W;\nconst probe = C;")).toEqual({
      kind: 'constant',
      name: 'WHEN_UNLOCKED',
    });
    expect(classOf('const SecureStore = { WHEN_UNLOCKED: 1 };\nconst probe = SecureStore.WHEN_UNLOCKED;')).toEqual({ kind: 'other', text: '1' });
    expect(classOf('declare const x: number;\nconst probe = x;')).toBeUndefined();
  });
});
