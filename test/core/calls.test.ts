import { describe, expect, it } from 'vitest';
import { findApiCalls } from '../../src/core/calls.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';

function callsIn(files: Record<string, string>, name: string, crossFile = true): string[] {
  const { file } = memoryWorkspace(files, crossFile);
  return findApiCalls(file(name)).map((c) => `${c.apiName}${c.key ? ` ${c.key.getText()}` : ''}`);
}

describe('API calls are recognised by import binding', () => {
  it('namespace under any name, default import, named with alias, require whole and destructured', () => {
    const code = `
import * as Vault from 'expo-secure-store';
import Store from 'expo-secure-store';
import { getItemAsync as read } from 'expo-secure-store';
const SS = require('expo-secure-store');
const { deleteItemAsync } = require('expo-secure-store');
const { setItem: put } = Vault;
Vault.setItemAsync('a', 'v');
Store.getItem('b');
read('c');
SS.getItemAsync('d');
deleteItemAsync('e');
put('f', 'v');
`;
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual([
      "SecureStore.setItemAsync 'a'",
      "SecureStore.getItem 'b'",
      "SecureStore.getItemAsync 'c'",
      "SecureStore.getItemAsync 'd'",
      "SecureStore.deleteItemAsync 'e'",
      "SecureStore.setItem 'f'",
    ]);
  });

  it('a local object or class called SecureStore is not SecureStore, and a parameter shadows the import', () => {
    const code = `
import * as SecureStore from 'expo-secure-store';
class Store { static getItemAsync(k: string) {} }
const AsyncStorage = { setItem(k: string, v: string) {} };
AsyncStorage.setItem('x', 'y');
Store.getItemAsync('k');
function f(SecureStore: { getItemAsync(k: string): void }) { SecureStore.getItemAsync('shadowed'); }
`;
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual([]);
    expect(callsIn({ '/b.ts': "class SecureStore { static setItemAsync() {} }\nSecureStore.setItemAsync('k', 'v');" }, '/b.ts')).toEqual([]);
  });

  it('follows re-exports through local modules when other files can be seen', () => {
    const files = {
      '/lib/store.ts': "export * from 'expo-secure-store';",
      '/lib/named.ts': "export { setItemAsync as save } from 'expo-secure-store';",
      '/lib/ns.ts': "import * as SecureStore from 'expo-secure-store';\nexport { SecureStore };",
      '/lib/index.ts': "export * from './named';",
      '/app.ts':
        "import { getItemAsync } from './lib/store';\nimport { save } from './lib';\nimport { SecureStore as S } from '@/lib/ns';\ngetItemAsync('a');\nsave('b', 'v');\nS.deleteItemAsync('c');",
    };
    expect(callsIn(files, '/app.ts')).toEqual(["SecureStore.getItemAsync 'a'", "SecureStore.setItemAsync 'b'", "SecureStore.deleteItemAsync 'c'"]);
    // Without a module host (ESLint without type information) nothing is guessed.
    expect(callsIn(files, '/app.ts', false)).toEqual([]);
  });

  it('AsyncStorage: default import under any name, useAsyncStorage, legacy react-native, kv-store', () => {
    const code = `
import Storage, { useAsyncStorage } from '@react-native-async-storage/async-storage';
import { AsyncStorage as Legacy } from 'react-native';
import KV from 'expo-sqlite/kv-store';
Storage.setItem('a', 'v');
Legacy.multiRemove(['b']);
useAsyncStorage('c').setItem('v');
const { getItem } = useAsyncStorage('d');
getItem();
KV.setItem('e', 'v');
`;
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual([
      "AsyncStorage.setItem 'a'",
      'AsyncStorage.multiRemove',
      "AsyncStorage.setItem 'c'",
      "AsyncStorage.getItem 'd'",
      "AsyncStorage.setItem 'e'",
    ]);
  });

  it('MMKV instances without an encryptionKey are plaintext stores; unknown options are left alone', () => {
    const code = `
import { MMKV, createMMKV } from 'react-native-mmkv';
declare const opts: { id: string };
const plain = new MMKV();
const named = createMMKV({ id: 'session' });
const encrypted = new MMKV({ id: 'vault', encryptionKey: 'k' });
const unknown = new MMKV(opts);
plain.set('a', 'v');
named.getString('b');
encrypted.set('c', 'v');
unknown.set('d', 'v');
`;
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual(["MMKV.set 'a'", "MMKV.getString 'b'"]);
    // Hooks on the default instance, or on a plaintext instance passed to them.
    const hooks = `
import { MMKV, useMMKVString } from 'react-native-mmkv';
declare const other: MMKV;
const plain = new MMKV();
useMMKVString('e');
useMMKVString('f', plain);
useMMKVString('g', other);
`;
    expect(callsIn({ '/h.ts': hooks }, '/h.ts')).toEqual(["MMKV.useMMKVString 'e'", "MMKV.useMMKVString 'f'"]);
  });

  it('localStorage and sessionStorage count only in web-only files and when not shadowed, each by its own name', () => {
    const code = "localStorage.setItem('a', 'v');\nwindow.sessionStorage.getItem('b');\nfunction f(localStorage: Storage) { localStorage.setItem('c', 'v'); }";
    expect(callsIn({ '/a.web.ts': code }, '/a.web.ts')).toEqual(["localStorage.setItem 'a'", "sessionStorage.getItem 'b'"]);
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual([]);
  });

  it('expo-local-authentication authenticateAsync by binding', () => {
    const code =
      "import * as LA from 'expo-local-authentication';\nimport { authenticateAsync as bio } from 'expo-local-authentication';\nLA.authenticateAsync();\nbio();\nLA.hasHardwareAsync();";
    expect(callsIn({ '/a.ts': code }, '/a.ts')).toEqual(['LocalAuthentication.authenticateAsync', 'LocalAuthentication.authenticateAsync']);
  });
});
