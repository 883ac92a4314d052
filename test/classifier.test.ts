import { describe, expect, it } from 'vitest';
import { classifierFor, normalizeName, SecretClassifier, splitWords } from '../src/core/classifier.js';

const classifier = new SecretClassifier();
const sensitive = (name: string) => classifier.isSensitive(name);

describe('normalised names', () => {
  it('splits camelCase, snake_case, dots, dashes, colons and digits into lower-case words', () => {
    expect(normalizeName('auth.accessToken')).toBe('auth access token');
    expect(normalizeName('API_KEY')).toBe('api key');
    expect(normalizeName('JWTToken')).toBe('jwt token');
    expect(normalizeName('@app:refresh-token')).toBe('app refresh token');
    expect(normalizeName('auth.migratedToSecureStore.v1')).toBe('auth migrated to secure store v 1');
    expect(splitWords('user_profile')).toEqual(['user', 'profile']);
    expect(normalizeName('...')).toBe('');
  });
});

describe('the default classifier', () => {
  // One group per word of the documented list, each in the spellings apps use.
  const secrets: Record<string, string[]> = {
    token: ['token', 'TOKEN', 'authToken', 'auth_token', 'tokens', 'csrfToken'],
    'access token': ['accessToken', 'access_token', 'auth.accessToken', 'session.accessToken', '@app:access-token'],
    refresh: ['refresh', 'refreshToken', 'REFRESH_TOKEN', 'auth.refreshToken'],
    jwt: ['jwt', 'idJwt', 'JWT_TOKEN', 'auth.jwt'],
    bearer: ['bearer', 'bearerToken', 'BearerHeader'],
    secret: ['secret', 'clientSecret', 'client_secret', 'secrets', 'totpSecret'],
    'password / passcode': ['password', 'userPassword', 'auth.remember.password', 'passcode', 'backupPasscode', 'passphrase', 'passwd', 'pwd'],
    pin: ['pin', 'PIN', 'pinCode', 'security.pin', 'appLockPin', 'pins'],
    otp: ['otp', 'otpCode', 'OTP_SEED', 'oneTimePassword', 'one_time_code'],
    'api key': ['apiKey', 'API_KEY', 'api-key', 'stripeApiKey', 'apikey'],
    'private key': ['privateKey', 'private_key', 'wallet.privateKey', 'privatekey'],
    'mnemonic / seed phrase': ['mnemonic', 'walletMnemonic', 'seedPhrase', 'seed_phrase', 'seedWords', 'recoverySeedPhrase'],
    'credential(s)': ['credential', 'credentials', 'rememberedCredentials', 'auth.credentials'],
    'session id / token': ['sessionId', 'session_id', 'SESSION_ID', 'sessionToken', 'analytics.sessionToken', 'sessionKey'],
    cookie: ['cookie', 'cookies', 'authCookie', 'session_cookie'],
  };

  for (const [word, names] of Object.entries(secrets)) {
    it(`treats ${word} as a secret`, () => {
      for (const name of names) expect(sensitive(name), name).toBe(true);
    });
  }

  it('does not treat the named non-secrets as secrets', () => {
    for (const name of ['tokenExpiry', 'theme', 'auth.migratedToSecureStore.v1', 'user_profile']) expect(sensitive(name), name).toBe(false);
  });

  it('does not treat names about a secret as the secret: expiry, time, flags, counts, URLs', () => {
    const about = [
      'tokenExpiry',
      'token_expires_at',
      'accessTokenExpiresIn',
      'jwtExp',
      'tokenTtl',
      'tokenSavedAt',
      'refreshTimestamp',
      'auth.migratedToSecureStore.v1',
      'migrationFlag',
      'isPinEnabled',
      'pinEnabled',
      'hasToken',
      'auth.hasPin',
      'security.isPinSet',
      'shouldRefresh',
      'needsRefresh',
      'showPassword',
      'passwordHint',
      'passwordLabel',
      'pinLength',
      'tokenCount',
      'tokenType',
      'tokenUrl',
      'refreshEndpoint',
      'notifications.pushToken',
      'expoPushToken',
    ];
    for (const name of about) expect(sensitive(name), name).toBe(false);
  });

  it('does not treat settings about refreshing as a refresh token', () => {
    for (const name of ['autoRefresh', 'settings.autoRefresh', 'feed.lastRefresh', 'refreshInterval', 'pullToRefresh']) {
      expect(sensitive(name), name).toBe(false);
    }
    // …but a token is still a token.
    for (const name of ['lastRefreshToken', 'autoRefreshToken']) expect(sensitive(name), name).toBe(true);
  });

  it('leaves ordinary names alone, including words that merely contain a secret word', () => {
    const plain = [
      'theme',
      'language',
      'user_profile',
      'user.displayName',
      'onboarding.complete',
      'lastSession',
      'analytics.session',
      'spinner',
      'pinned',
      'shopping',
      'tokenizer',
      'secretary',
      'passage',
      'compass',
      'response.access',
      'settings',
      'integrations',
      'email',
      '',
    ];
    for (const name of plain) expect(sensitive(name), name).toBe(false);
  });
});

describe('configured classifiers', () => {
  it('adds sensitivePatterns to the defaults', () => {
    const wallet = classifierFor({ sensitivePatterns: [String.raw`\bwallet\b`] });
    expect(wallet.isSensitive('walletAddress')).toBe(true);
    expect(wallet.isSensitive('accessToken')).toBe(true);
    expect(classifierFor({}).isSensitive('walletAddress')).toBe(false);
  });

  it('ignorePatterns win over sensitive patterns', () => {
    const csrf = classifierFor({ ignorePatterns: [String.raw`\bcsrf\b`] });
    expect(csrf.isSensitive('csrfToken')).toBe(false);
    expect(csrf.isSensitive('accessToken')).toBe(true);
  });

  it('patterns are case-insensitive and match the normalised form', () => {
    const custom = classifierFor({ sensitivePatterns: ['LICENSE KEY'] });
    expect(custom.isSensitive('licenseKey')).toBe(true);
    expect(custom.isSensitive('LICENSE_KEY')).toBe(true);
  });

  it('shares one classifier between rules with the same patterns', () => {
    expect(classifierFor({ sensitivePatterns: ['x'] })).toBe(classifierFor({ sensitivePatterns: ['x'] }));
    expect(classifierFor({})).toBe(classifierFor({ sensitivePatterns: [], ignorePatterns: [] }));
  });
});
