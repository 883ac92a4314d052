// The storage and authentication APIs the rules know, by the module that
// exports them. Recognition is by import binding: a name only counts when it
// was imported (or required) from one of these modules.

export type ApiName = 'secure-store' | 'async-storage' | 'local-auth' | 'mmkv' | 'web-storage';

/**
 * Stores that keep values in plaintext on the device: AsyncStorage (and
 * expo-sqlite's kv-store with the same API), MMKV instances created without an
 * encryptionKey, and the browser's storage in web-only files.
 */
export const PLAINTEXT_STORES: ReadonlySet<ApiName> = new Set<ApiName>(['async-storage', 'mmkv', 'web-storage']);

/**
 * How messages name each API: as a store (`Key 'x' is written to web storage`)
 * and as the receiver of its methods (`localStorage.setItem()`). The one table
 * of these names: reporters, rules and the key registry all read it.
 */
export const API_NAMES: Readonly<Record<ApiName, { store: string; receiver: string }>> = {
  'secure-store': { store: 'SecureStore', receiver: 'SecureStore' },
  'async-storage': { store: 'AsyncStorage', receiver: 'AsyncStorage' },
  'local-auth': { store: 'LocalAuthentication', receiver: 'LocalAuthentication' },
  mmkv: { store: 'MMKV', receiver: 'MMKV' },
  'web-storage': { store: 'web storage', receiver: 'localStorage' },
};

/** The Dart front-end's stores (src/dart/facts-types.ts StoreName), as messages name them. */
const DART_STORE_NAMES: Readonly<Record<string, string>> = {
  'flutter-secure-storage': 'flutter_secure_storage',
  'shared-preferences': 'SharedPreferences',
  hive: 'a Hive box',
  'get-storage': 'GetStorage',
};

/** A store's name for messages; an id the tables do not know is shown as it is. */
export function storeName(store: string): string {
  if (Object.hasOwn(API_NAMES, store)) return API_NAMES[store as ApiName].store;
  return Object.hasOwn(DART_STORE_NAMES, store) ? DART_STORE_NAMES[store]! : store;
}

/** Stores whose items live in the iOS keychain, which keeps them after the app is uninstalled. */
export const KEYCHAIN_STORES: ReadonlySet<string> = new Set(['secure-store', 'flutter-secure-storage']);

export const SECURE_STORE_MODULE = 'expo-secure-store';
export const LOCAL_AUTH_MODULE = 'expo-local-authentication';
export const ASYNC_STORAGE_MODULES = ['@react-native-async-storage/async-storage', 'expo-sqlite/kv-store'];
/** The legacy AsyncStorage that older React Native versions exported. */
export const REACT_NATIVE_MODULE = 'react-native';

/** Argument positions of a storage method. */
export interface MethodShape {
  key?: number;
  value?: number;
  options?: number;
  /** `multiSet([[k, v], ...])`: the argument holding key/value pairs. */
  pairs?: number;
  /** `multiRemove([k, ...])`: the argument holding a list of keys. */
  keys?: number;
  kind: 'read' | 'write' | 'delete' | 'other';
  sync?: boolean;
}

export const SECURE_STORE_METHODS: Record<string, MethodShape> = {
  setItemAsync: { key: 0, value: 1, options: 2, kind: 'write' },
  getItemAsync: { key: 0, options: 1, kind: 'read' },
  deleteItemAsync: { key: 0, options: 1, kind: 'delete' },
  setItem: { key: 0, value: 1, options: 2, kind: 'write', sync: true },
  getItem: { key: 0, options: 1, kind: 'read', sync: true },
};

/** SecureStore's exported `keychainAccessible` constants. */
export const KEYCHAIN_CLASSES = [
  'AFTER_FIRST_UNLOCK',
  'AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY',
  'ALWAYS',
  'ALWAYS_THIS_DEVICE_ONLY',
  'WHEN_PASSCODE_SET_THIS_DEVICE_ONLY',
  'WHEN_UNLOCKED',
  'WHEN_UNLOCKED_THIS_DEVICE_ONLY',
] as const;
export const DEPRECATED_KEYCHAIN_CLASSES = new Set(['ALWAYS', 'ALWAYS_THIS_DEVICE_ONLY']);

export const ASYNC_STORAGE_METHODS: Record<string, MethodShape> = {
  setItem: { key: 0, value: 1, kind: 'write' },
  mergeItem: { key: 0, value: 1, kind: 'write' },
  multiSet: { pairs: 0, kind: 'write' },
  multiMerge: { pairs: 0, kind: 'write' },
  getItem: { key: 0, kind: 'read' },
  multiGet: { keys: 0, kind: 'read' },
  removeItem: { key: 0, kind: 'delete' },
  multiRemove: { keys: 0, kind: 'delete' },
  clear: { kind: 'delete' },
  getAllKeys: { kind: 'other' },
};

/** Methods of the object `useAsyncStorage(key)` returns: the key is bound already. */
export const ASYNC_STORAGE_HOOK_METHODS: Record<string, MethodShape> = {
  setItem: { value: 0, kind: 'write' },
  mergeItem: { value: 0, kind: 'write' },
  getItem: { kind: 'read' },
  removeItem: { kind: 'delete' },
};

export const LOCAL_AUTH_GATE = 'authenticateAsync';

export const MMKV_MODULE = 'react-native-mmkv';
/** Constructors of an MMKV instance: the class (v2, v3) and the factory (v4). */
export const MMKV_FACTORIES = new Set(['MMKV', 'createMMKV']);
export const MMKV_METHODS: Record<string, MethodShape> = {
  set: { key: 0, value: 1, kind: 'write' },
  getString: { key: 0, kind: 'read' },
  getNumber: { key: 0, kind: 'read' },
  getBoolean: { key: 0, kind: 'read' },
  getBuffer: { key: 0, kind: 'read' },
  delete: { key: 0, kind: 'delete' },
  remove: { key: 0, kind: 'delete' },
  clearAll: { kind: 'delete' },
  // Hooks bound to the default instance (no instance argument): the hook
  // hands out a setter, so using one with a key means writing that key.
  useMMKVString: { key: 0, kind: 'write' },
  useMMKVNumber: { key: 0, kind: 'write' },
  useMMKVBoolean: { key: 0, kind: 'write' },
  useMMKVObject: { key: 0, kind: 'write' },
  useMMKVBuffer: { key: 0, kind: 'write' },
};

/** `localStorage` / `sessionStorage`, only in files that run on the web alone (`*.web.ts`). */
export const WEB_STORAGE_GLOBALS = new Set(['localStorage', 'sessionStorage']);
export const WEB_ONLY_FILE = /\.web\.[cm]?[jt]sx?$/;

/** Every module string whose presence in a file's text can make it matter. */
export const TRIGGER_MODULES = [SECURE_STORE_MODULE, LOCAL_AUTH_MODULE, MMKV_MODULE, ...ASYNC_STORAGE_MODULES];
