import { describe, expect, it } from 'vitest';
import { elideCallChain } from '../../src/core/call-chain.js';
import { messageData } from '../../src/core/message-data.js';

describe('elideCallChain', () => {
  it('keeps a store call, and one wrapper and the store call, as they are', () => {
    expect(elideCallChain('MMKV.set')).toBe('MMKV.set');
    expect(elideCallChain('storage.setAny() → MMKV.set')).toBe('storage.setAny() → MMKV.set');
  });

  it('keeps the first call and the store call of a longer chain', () => {
    expect(elideCallChain('storage.setSecret() → this.setAny() → MMKV.set')).toBe('storage.setSecret() → … → MMKV.set');
    expect(elideCallChain("a() → b() → c() → setItemAsync('auth.token')")).toBe("a() → … → setItemAsync('auth.token')");
  });
});

describe('messageData', () => {
  it('cuts the chains of every value, as both front-ends show them', () => {
    expect(messageData({ call: 'remember() → saveSession() → AsyncStorage.setItem', key: 'auth.token' })).toEqual({
      call: 'remember() → … → AsyncStorage.setItem',
      key: 'auth.token',
    });
  });
});
