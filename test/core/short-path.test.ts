import { describe, expect, it } from 'vitest';
import { uniquePathSuffix } from '../../src/core/short-path.js';

describe('uniquePathSuffix', () => {
  const files = ['/app/src/auth/session.ts', '/app/src/routing/session.ts', '/app/src/lib/write.ts', '/app/lib/write.ts'];

  it('names a file by its base name when no other file shares it', () => {
    expect(uniquePathSuffix('/app/src/auth/session.ts', ['/app/src/auth/session.ts', '/app/src/lib/keys.ts'])).toBe('session.ts');
  });

  it('adds folders from the end until no other file ends the same way', () => {
    expect(uniquePathSuffix('/app/src/auth/session.ts', files)).toBe('auth/session.ts');
    expect(uniquePathSuffix('/app/src/lib/write.ts', files)).toBe('src/lib/write.ts');
    expect(uniquePathSuffix('/app/lib/write.ts', files)).toBe('app/lib/write.ts');
  });

  it('matches whole folder names, not the ends of them', () => {
    expect(uniquePathSuffix('/a/auth/keys.ts', ['/a/auth/keys.ts', '/a/oauth/keys.ts'])).toBe('auth/keys.ts');
  });

  it('reads Windows separators as separators', () => {
    expect(uniquePathSuffix('C:\\app\\auth\\session.ts', ['C:\\app\\auth\\session.ts', 'C:\\app\\routing\\session.ts'])).toBe('auth/session.ts');
  });
});
