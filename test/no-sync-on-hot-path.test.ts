import rule from '../rules/no-sync-on-hot-path.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";
const GET = { call: 'SecureStore.getItem', asyncMethod: 'getItemAsync' };
const SET = { call: 'SecureStore.setItem', asyncMethod: 'setItemAsync' };
const IN_COMPONENT = (name: string) => `in component ${name} (runs on every render)`;

// A sync write in a press handler of a component: not a hot path unless reportAll.
const ON_PRESS =
  NS +
  `export function RememberMe() {
  return <Switch onValueChange={() => SecureStore.setItem('auth.remember.enabled', 'true')} />;
}`;

// A hook with a sync read, used by two screens and by an ordinary function.
const HOOK_AND_SCREENS = `export function useTheme() {
  return SecureStore.getItem('settings.theme');
}
export function HomeScreen() { return useTheme(); }
export const SettingsScreen = () => { const theme = useTheme(); return theme; };
export function notAComponent() { return useTheme(); }`;

// A class whose constructor reads synchronously.
const API_CLIENT = `class ApiClient {
  token: string | null;
  constructor() { this.token = SecureStore.getItem('api.token'); }
}
`;

ruleTester.run('no-sync-on-hot-path', eslintRule(rule), {
  valid: [
    // The seed's pattern: async reads, outside render.
    NS +
      `import { useEffect, useState } from 'react';
export function LoginScreen() {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => { SecureStore.getItemAsync('auth.token').then(setToken); }, []);
  return null;
}`,
    ON_PRESS,
    // An ordinary function and an effect callback are not hot paths.
    NS + `export function readTokenNow() { return SecureStore.getItem('auth.token'); }`,
    NS + `import { useEffect } from 'react';\nexport function Splash() { useEffect(() => { SecureStore.getItem('k'); }, []); return null; }`,
    // A local object called SecureStore is not the module.
    `const SecureStore = { getItem(k: string) { return k; } };\nexport const t = SecureStore.getItem('auth.token');`,
    // A parameter shadows the import.
    NS + `export function Screen({ SecureStore }: { SecureStore: { getItem(k: string): string } }) { return SecureStore.getItem('k'); }`,
    // A local function called useState is not React's.
    NS + `function useState<T>(f: () => T) { return f; }\nexport const later = useState(() => SecureStore.getItem('k'));`,
    // Async calls in a loop are fine for this rule.
    NS + `export async function all(keys: string[]) { for (const k of keys) await SecureStore.getItemAsync(k); }`,
    // A for...of iterable is evaluated once.
    NS + `export function chars() { for (const c of SecureStore.getItem('list') ?? '') console.log(c); }`,
    // Methods that are not a component's render().
    NS + `class Store { Load() { return SecureStore.getItem('k'); } }\nclass Pdf { render() { return SecureStore.getItem('k'); } }`,
    // Constructed on demand, in an ordinary function: not a hot path.
    NS + API_CLIENT + `export function connect() { return new ApiClient(); }`,
    // A constructor that reads asynchronously, and a class that is not the app's.
    NS + `class Lazy { constructor() { void SecureStore.getItemAsync('k'); } }\nexport const lazy = new Lazy();\nexport const seen = new Set<string>();`,
    // AsyncStorage's getItem is async already.
    `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function Screen() { AsyncStorage.getItem('k'); return null; }`,
  ],
  invalid: [
    {
      code: NS + `export function LoginScreen() {\n  const token = SecureStore.getItem('auth.token');\n  return <Text>{token}</Text>;\n}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: IN_COMPONENT('LoginScreen') }, line: 3, column: 17, endColumn: 50, suggestions: [] }],
    },
    {
      // Named import under an alias, in a memo() component.
      code: `import { getItem as readSync } from 'expo-secure-store';
import { memo } from 'react';
export const Avatar = memo(() => {
  const url = readSync('profile.avatar');
  return null;
});`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: IN_COMPONENT('Avatar') }, line: 4 }],
    },
    {
      code: `import * as Vault from 'expo-secure-store';\nexport function useSession() {\n  return Vault.getItem('auth.token');\n}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'in hook useSession (runs on every render)' } }],
    },
    {
      code: `const Store = require('expo-secure-store');\nexport const bootToken = Store.getItem('auth.token');`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'at module top level (runs on cold start)' }, line: 2, column: 26 }],
    },
    {
      // An immediately invoked function runs where it stands.
      code: NS + `(() => { SecureStore.setItem('boot', '1'); })();`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...SET, where: 'at module top level (runs on cold start)' } }],
    },
    {
      code:
        NS +
        `import { useState } from 'react';
export function Profile({ k }: { k: string }) {
  const [value] = useState(() => SecureStore.getItem(k));
  return value;
}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'in a useState initializer (runs during render)' }, line: 4, column: 34 }],
    },
    {
      code: NS + `import React from 'react';\nexport function Profile() {\n  const [v] = React.useState(SecureStore.getItem('k'));\n  return v;\n}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'in the argument of useState() (evaluated on every render)' } }],
    },
    {
      code: NS + `import { useMemo } from 'react';\nexport const useToken = () => useMemo(() => SecureStore.getItem('k'), []);`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'in a useMemo callback (runs during render)' } }],
    },
    {
      code:
        NS +
        `import React from 'react';
export class Profile extends React.Component {
  render() {
    const token = SecureStore.getItem('auth.token');
    return token;
  }
}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...GET, where: 'in Profile.render() (runs on every render)' }, line: 5 }],
    },
    {
      // A loop in an async function: the suggestion awaits the async read.
      code:
        NS +
        `export async function loadAll(keys: string[]) {\n  const out = [];\n  for (const key of keys) {\n    out.push(SecureStore.getItem(key));\n  }\n  return out;\n}`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, where: 'inside a for...of loop (runs once per iteration)' },
          suggestions: [
            {
              messageId: 'useAsync',
              data: { asyncCall: 'SecureStore.getItemAsync' },
              output:
                NS +
                `export async function loadAll(keys: string[]) {\n  const out = [];\n  for (const key of keys) {\n    out.push(await SecureStore.getItemAsync(key));\n  }\n  return out;\n}`,
            },
          ],
        },
      ],
    },
    {
      // Named import without getItemAsync: the suggestion adds it to the import.
      code: `import { getItem } from 'expo-secure-store';\nexport const readAll = (keys: string[]) => Promise.all(keys.map(async (k) => getItem(k)));`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, where: 'inside a .map() callback (runs once per element)' },
          suggestions: [
            {
              messageId: 'useAsync',
              data: { asyncCall: 'getItemAsync' },
              output: `import { getItem, getItemAsync } from 'expo-secure-store';\nexport const readAll = (keys: string[]) => Promise.all(keys.map(async (k) => await getItemAsync(k)));`,
            },
          ],
        },
      ],
    },
    {
      // Member access on the result: the awaited call is parenthesised.
      code: NS + `export async function sizes(keys: string[]) {\n  for (const k of keys) console.log(SecureStore.getItem(k)!.length);\n}`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          suggestions: [
            {
              messageId: 'useAsync',
              output:
                NS + `export async function sizes(keys: string[]) {\n  for (const k of keys) console.log((await SecureStore.getItemAsync(k))!.length);\n}`,
            },
          ],
        },
      ],
    },
    {
      // Already awaited: only the method changes.
      code: NS + `export async function saveAll(keys: string[]) {\n  keys.forEach(async (k) => { await SecureStore.setItem(k, '1'); });\n}`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...SET, where: 'inside a .forEach() callback (runs once per element)' },
          suggestions: [
            {
              messageId: 'useAsync',
              output: NS + `export async function saveAll(keys: string[]) {\n  keys.forEach(async (k) => { await SecureStore.setItemAsync(k, '1'); });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A loop inside a press handler is still a loop.
      code: NS + `export function Reset() {\n  return <Button onPress={() => { for (let i = 0; i < 3; i++) SecureStore.setItem('slot' + i, ''); }} />;\n}`,
      errors: [{ messageId: 'syncOnHotPath', data: { ...SET, where: 'inside a for loop (runs once per iteration)' } }],
    },
    {
      code: ON_PRESS,
      options: [{ reportAll: true }],
      errors: [{ messageId: 'syncCall', data: { ...SET, where: 'in the onValueChange handler' }, line: 3, suggestions: [] }],
    },
    {
      // reportAll in an async handler: the existing getItemAsync alias is reused.
      code: `import { getItem as readSync, getItemAsync as read } from 'expo-secure-store';
export function LoginScreen() {
  return <Button onPress={async () => { const t = readSync('auth.token'); }} />;
}`,
      options: [{ reportAll: true }],
      errors: [
        {
          messageId: 'syncCall',
          data: { ...GET, where: 'in the onPress handler' },
          suggestions: [
            {
              messageId: 'useAsync',
              data: { asyncCall: 'read' },
              output: `import { getItem as readSync, getItemAsync as read } from 'expo-secure-store';
export function LoginScreen() {
  return <Button onPress={async () => { const t = await read('auth.token'); }} />;
}`,
            },
          ],
        },
      ],
    },
    ...[{ reportAll: false }, { reportAll: true }].map((options) => ({
      // One sync read in a hook is one finding, in the hook, with or without reportAll; the screens that use it are not reported.
      code: NS + HOOK_AND_SCREENS,
      options: [options] as [typeof options],
      errors: [{ messageId: 'syncOnHotPath' as const, data: { ...GET, where: 'in hook useTheme (runs on every render)' }, line: 3 }],
    })),
    {
      // A hook that calls a plain sync reader: reported at that call in the hook, not at the component that uses the hook.
      code:
        NS +
        `function readScale() { return SecureStore.getItem('settings.scale'); }
export function useScale() { return Number(readScale()); }
export function Screen() { return useScale(); }`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, call: 'readScale() → SecureStore.getItem', where: 'in hook useScale (runs on every render)' },
          line: 3,
        },
      ],
    },
    {
      // A class constructed while the module loads: its constructor's sync read runs on cold start.
      code: NS + API_CLIENT + `export const api = new ApiClient();`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, call: 'new ApiClient() → SecureStore.getItem', where: 'at module top level (runs on cold start)' },
          line: 6,
          column: 20,
          endColumn: 35,
        },
      ],
    },
    {
      // With reportAll the constructor's own call is reported too, as an ordinary place.
      code: NS + API_CLIENT + `export const api = new ApiClient();`,
      options: [{ reportAll: true }],
      errors: [
        { messageId: 'syncCall', data: { ...GET, where: 'in the constructor of class ApiClient' }, line: 4 },
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, call: 'new ApiClient() → SecureStore.getItem', where: 'at module top level (runs on cold start)' },
          line: 6,
        },
      ],
    },
    {
      // Constructed in a component's body: on every render. A class expression counts as well.
      code:
        NS +
        `const Cache = class {\n  v = '';\n  constructor() { this.v = SecureStore.getItem('k') ?? ''; }\n};\nexport function Screen() {\n  return new Cache().v;\n}`,
      errors: [
        {
          messageId: 'syncOnHotPath',
          data: { ...GET, call: 'new Cache() → SecureStore.getItem', where: 'in component Screen (runs on every render)' },
          line: 7,
        },
      ],
    },
    {
      code: NS + `export function readTokenNow() { return SecureStore.getItem('auth.token'); }`,
      options: [{ reportAll: true }],
      errors: [{ messageId: 'syncCall', data: { ...GET, where: 'in function readTokenNow' } }],
    },
  ],
});
