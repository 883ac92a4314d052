import { describe, expect, it } from 'vitest';
import { classifierFor, explainSecretName, normalizeName, SecretClassifier, splitWords } from '../src/core/classifier.js';

describe('normalised names', () => {
  it('splits camelCase, snake_case, dots, dashes, colons and digits into lower-case words', () => {
    expect(normalizeName('auth.accessToken')).toBe('auth access token');
    expect(normalizeName('API_KEY')).toBe('api key');
    expect(normalizeName('JWTToken')).toBe('jwt token');
    expect(normalizeName('@app:refresh-token')).toBe('app refresh token');
    expect(normalizeName('auth.migratedToSecureStore.v1')).toBe('auth migrated to secure store v 1');
    expect(normalizeName('tokenID')).toBe('token id');
    expect(splitWords('user_profile')).toEqual(['user', 'profile']);
    expect(normalizeName('...')).toBe('');
  });
});

/**
 * Every decision of the default classifier, with its reason. The reason is the
 * classifier's own (`kind: the words that decided`), so a row that gets the
 * right answer for the wrong reason fails. The comment over each group says
 * why the decision is right.
 */
type Row = [name: string, secret: boolean, reason: string];

const table: Record<string, Row[]> = {
  // A token that signs someone in: a credential word anywhere in the name
  // (access, auth, refresh, session, id right before the token, …) decides,
  // even over an asset word or a plural.
  'credential tokens': [
    ['accessToken', true, 'credential token: access'],
    ['access_token', true, 'credential token: access'],
    ['@app:access-token', true, 'credential token: access'],
    ['auth.accessToken', true, 'credential token: auth'],
    ['session.accessToken', true, 'credential token: session'],
    ['authToken', true, 'credential token: auth'],
    ['auth_token', true, 'credential token: auth'],
    ['idToken', true, 'credential token: id'],
    ['refreshToken', true, 'credential token: refresh'],
    ['REFRESH_TOKEN', true, 'credential token: refresh'],
    ['sessionToken', true, 'credential token: session'],
    ['analytics.sessionToken', true, 'credential token: session'],
    ['bearerToken', true, 'credential token: bearer'],
    ['JWT_TOKEN', true, 'credential token: jwt'],
    ['apiToken', true, 'credential token: api'],
    ['oauthToken', true, 'credential token: oauth'],
    // A CSRF token is bound to the session it protects.
    ['csrfToken', true, 'credential token: csrf'],
    // Plural, but a credential word says whose: an auth app's token pair.
    ['authTokens', true, 'credential token: auth'],
    ['accessTokens', true, 'credential token: access'],
    ['tokens.access', true, 'credential token: access'],
    ['auth.tokens', true, 'credential token: auth'],
    // A credential word wins over an asset word.
    ['auth.tokenList', true, 'credential token: auth'],
    ['accessTokenMetadata', true, 'credential token: access'],
    ['session.tokenId', true, 'credential token: session'],
    // A refresh token is a token, whatever setting word stands before it.
    ['lastRefreshToken', true, 'credential token: refresh'],
    ['autoRefreshToken', true, 'credential token: refresh'],
  ],

  // A singular token with nothing that says it is an asset is read as a
  // credential: the cost of missing one is a leaked sign-in.
  'a token on its own': [
    ['token', true, 'credential token: singular'],
    ['TOKEN', true, 'credential token: singular'],
    ['userToken', true, 'credential token: singular'],
    ['wallet.token', true, 'credential token: singular'],
    // A device token that signs in says so; `deviceToken` alone is APNs's name for a push address (below).
    ['trustedDeviceToken', true, 'credential token: singular'],
    ['deviceAuthToken', true, 'credential token: auth'],
  ],

  // Crypto assets: public data about tokens (which ones, how many, what they
  // cost), not a credential.
  'asset tokens': [
    ['tokens', false, 'asset token: plural'],
    ['wallet.tokens', false, 'asset token: plural'],
    ['creatorTokens', false, 'asset token: plural'],
    ['deprecatedTokensDismissed', false, 'asset token: plural'],
    ['hiddenTokenIds', false, 'asset token: hidden'],
    ['wallet.hiddenTokenIds', false, 'asset token: hidden'],
    ['tokenIds', false, 'asset token: ids'],
    // An NFT's id is public; an OpenID idToken (above) is not.
    ['tokenId', false, 'asset token: id'],
    ['token_id', false, 'asset token: id'],
    ['tokenList', false, 'asset token: list'],
    ['tokenBalance', false, 'asset token: balance'],
    ['tokenBalances', false, 'asset token: balances'],
    ['tokenPrices', false, 'asset token: prices'],
    ['tokenMetadata', false, 'asset token: metadata'],
    ['tokenSymbol', false, 'asset token: symbol'],
    ['tokenAddress', false, 'asset token: address'],
    ['tokenContract', false, 'asset token: contract'],
    ['tokenDecimals', false, 'asset token: decimals'],
    ['erc20Token', false, 'asset token: erc'],
    ['nftToken', false, 'asset token: nft'],
    // A wallet's approvals and allowances: which tokens a contract or an app may move.
    ['tokenApproval', false, 'asset token: approval'],
    ['tokenAllowances', false, 'asset token: allowances'],
  ],

  // Password words and their abbreviations, as words of a name.
  passwords: [
    ['password', true, 'password: password'],
    ['userPassword', true, 'password: password'],
    ['auth.remember.password', true, 'password: password'],
    ['pass_word', true, 'password: pass word'],
    ['passcode', true, 'password: passcode'],
    ['backupPasscode', true, 'password: passcode'],
    ['passphrase', true, 'password: passphrase'],
    ['passwd', true, 'password: passwd'],
    ['vault.passwd', true, 'password: passwd'],
    ['pwd', true, 'password: pwd'],
    ['userPwd', true, 'password: pwd'],
    ['pass', true, 'password: pass'],
    ['bio_pass', true, 'password: pass'],
    ['userPass', true, 'password: pass'],
    // A password hash can be cracked offline; it is kept like the password.
    ['pass_hash', true, 'password: pass'],
    ['oneTimePassword', true, 'password: password'],
    // A PIN is a short numeric password.
    ['pin', true, 'password: pin'],
    ['PIN', true, 'password: pin'],
    ['pinCode', true, 'password: pin'],
    ['pin_code', true, 'password: pin'],
    ['security.pin', true, 'password: pin'],
    ['appLockPin', true, 'password: pin'],
    ['pins', true, 'password: pins'],
  ],

  // Words that merely contain pass / pin / token / secret are other words.
  lookalikes: [
    ['passport', false, 'no secret word'],
    ['passengerCount', false, 'no secret word'],
    ['compass', false, 'no secret word'],
    ['compassHeading', false, 'no secret word'],
    ['bypass', false, 'no secret word'],
    ['passage', false, 'no secret word'],
    // `byPass` is "bypass" split at a hump; a boarding or season pass is a
    // ticket; `passThrough` is a verb.
    ['byPass', false, 'no secret word'],
    ['boardingPass', false, 'no secret word'],
    ['seasonPass', false, 'no secret word'],
    ['passThrough', false, 'no secret word'],
    ['spinner', false, 'no secret word'],
    ['spinnerVisible', false, 'no secret word'],
    ['pinned', false, 'no secret word'],
    ['shopping', false, 'no secret word'],
    ['tokenizer', false, 'no secret word'],
    ['secretary', false, 'no secret word'],
  ],

  // The other secret words of the documented list.
  'other secret words': [
    ['refresh', true, 'secret word: refresh'],
    ['jwt', true, 'secret word: jwt'],
    ['idJwt', true, 'secret word: jwt'],
    ['auth.jwt', true, 'secret word: jwt'],
    ['bearer', true, 'secret word: bearer'],
    ['BearerHeader', true, 'secret word: bearer'],
    ['secret', true, 'secret word: secret'],
    ['clientSecret', true, 'secret word: secret'],
    ['client_secret', true, 'secret word: secret'],
    ['secrets', true, 'secret word: secrets'],
    ['totpSecret', true, 'secret word: secret'],
    ['otp', true, 'secret word: otp'],
    ['otpCode', true, 'secret word: otp'],
    ['OTP_SEED', true, 'secret word: otp'],
    ['one_time_code', true, 'secret word: one time code'],
    ['apiKey', true, 'secret word: api key'],
    ['API_KEY', true, 'secret word: api key'],
    ['api-key', true, 'secret word: api key'],
    ['stripeApiKey', true, 'secret word: api key'],
    ['apikey', true, 'secret word: apikey'],
    ['privateKey', true, 'secret word: private key'],
    ['private_key', true, 'secret word: private key'],
    ['wallet.privateKey', true, 'secret word: private key'],
    ['privatekey', true, 'secret word: privatekey'],
    ['vault.encryption_key', true, 'secret word: encryption key'],
    ['dbEncryptionKey', true, 'secret word: encryption key'],
    ['masterKey', true, 'secret word: master key'],
    ['signing_key', true, 'secret word: signing key'],
    ['keyboardLayout', false, 'no secret word'],
    ['encryptionEnabled', false, 'no secret word'],
    ['mnemonic', true, 'secret word: mnemonic'],
    ['walletMnemonic', true, 'secret word: mnemonic'],
    ['seedPhrase', true, 'secret word: seed phrase'],
    ['seed_phrase', true, 'secret word: seed phrase'],
    ['seedWords', true, 'secret word: seed words'],
    ['recoverySeedPhrase', true, 'secret word: seed phrase'],
    ['credential', true, 'secret word: credential'],
    ['credentials', true, 'secret word: credentials'],
    ['rememberedCredentials', true, 'secret word: credentials'],
    ['auth.credentials', true, 'secret word: credentials'],
    ['sessionId', true, 'secret word: session id'],
    ['session_id', true, 'secret word: session id'],
    ['SESSION_ID', true, 'secret word: session id'],
    ['sessionKey', true, 'secret word: session key'],
    // A bridge session's key pair holds the secret key that reads and signs its messages.
    ['sessionKeyPair', true, 'secret word: session key'],
    ['secretKey', true, 'secret word: secret'],
    ['cookie', true, 'secret word: cookie'],
    ['cookies', true, 'secret word: cookies'],
    ['authCookie', true, 'secret word: cookie'],
    ['session_cookie', true, 'secret word: cookie'],
  ],

  // Names about a secret rather than holding one: when it expires, a flag or
  // question about it, UI text, its type or count, where it is sent. These win
  // over every secret word.
  'about a secret': [
    ['tokenExpiry', false, 'expiry: expiry'],
    ['token_expires_at', false, 'expiry: expires'],
    ['accessTokenExpiresIn', false, 'expiry: expires'],
    ['jwtExp', false, 'expiry: exp'],
    ['tokenTtl', false, 'expiry: ttl'],
    ['tokenSavedAt', false, 'time: at'],
    // A dApp bridge's client session id is the client's public key: where messages go, not a secret.
    ['clientSessionId', false, 'public identifier: client session id'],
    ['client_session_id', false, 'public identifier: client session id'],
    ['refreshTimestamp', false, 'time: timestamp'],
    ['refreshInterval', false, 'time: interval'],
    ['auth.migratedToSecureStore.v1', false, 'no secret word'],
    ['tokenMigrated', false, 'flag: migrated'],
    ['migrationFlag', false, 'no secret word'],
    ['pinEnabled', false, 'flag: enabled'],
    ['passwordVisible', false, 'flag: visible'],
    ['isPinEnabled', false, 'flag: enabled'],
    ['passcode-setup-shown', false, 'flag: shown'],
    ['wasPasscodeSetupShown', false, 'flag: shown'],
    // Where to go after a step about a secret, not the secret.
    ['returnToSettingsAfterPinChange', false, 'navigation: return to'],
    ['returnToSettingsAfterSeedPhrase', false, 'navigation: return to'],
    ['redirectToAfterLogin.token', false, 'navigation: redirect to'],
    ['tokenToReturn', true, 'credential token: singular'],
    ['pinShownOnce', false, 'flag: shown'],
    ['hasToken', false, 'question: has'],
    ['auth.hasPin', false, 'question: has'],
    ['security.isPinSet', false, 'question: is'],
    ['isPassValid', false, 'question: is'],
    ['shouldRefresh', false, 'question: should'],
    ['needsRefresh', false, 'question: needs'],
    ['showPassword', false, 'question: show'],
    ['passwordHint', false, 'ui text: hint'],
    ['passwordLabel', false, 'ui text: label'],
    ['pinLength', false, 'property: length'],
    ['tokenCount', false, 'property: count'],
    ['tokenType', false, 'property: type'],
    ['hiddenTokenCount', false, 'property: count'],
    ['tokenUrl', false, 'url: url'],
    ['refreshEndpoint', false, 'url: endpoint'],
    // Settings about refreshing data, not a refresh token.
    ['autoRefresh', false, 'refresh setting: auto refresh'],
    ['settings.autoRefresh', false, 'refresh setting: auto refresh'],
    ['feed.lastRefresh', false, 'refresh setting: last refresh'],
    ['pullToRefresh', false, 'refresh setting: pull to refresh'],
    // A push token is an address to send notifications to.
    ['pushToken', false, 'push token: push token'],
    ['notifications.pushToken', false, 'push token: push token'],
    ['expoPushToken', false, 'push token: push token'],
    ['pushTokens', false, 'push token: push tokens'],
    // Expo's push token, by the name apps keep it under.
    ['app.expo_token', false, 'push token: expo token'],
    ['expoToken', false, 'push token: expo token'],
    // Firebase's registration token (FCM, GCM before it) and Apple's APNs device token are push addresses too.
    ['fcmToken', false, 'push token: fcm token'],
    ['FCM_TOKEN', false, 'push token: fcm token'],
    ['gcmToken', false, 'push token: gcm token'],
    ['apnsToken', false, 'push token: apns token'],
    ['notificationToken', false, 'push token: notification token'],
    ['deviceToken', false, 'push token: device token'],
    ['@app/deviceToken', false, 'push token: device token'],
    // A salt, a nonce or an IV is public by design, stored beside what it protects.
    ['passcodeSalt', false, 'public crypto parameter: salt'],
    ['ton-storage-passcode-salt', false, 'public crypto parameter: salt'],
    ['pinNonce', false, 'public crypto parameter: nonce'],
    ['mnemonicIvHex', false, 'public crypto parameter: iv'],
    // A hash of a PIN or a password is found again by hashing every candidate: still a secret.
    ['pinHash', true, 'password: pin'],
    ['passwordDigest', true, 'password: password'],
    ['saltedPassword', true, 'password: password'],
  ],

  'ordinary names': [
    ['theme', false, 'no secret word'],
    ['language', false, 'no secret word'],
    ['user_profile', false, 'no secret word'],
    ['user.displayName', false, 'no secret word'],
    ['onboarding.complete', false, 'no secret word'],
    ['lastSession', false, 'no secret word'],
    ['analytics.session', false, 'no secret word'],
    ['response.access', false, 'no secret word'],
    ['settings', false, 'no secret word'],
    ['integrations', false, 'no secret word'],
    ['email', false, 'no secret word'],
    ['', false, 'no secret word'],
  ],
};

describe('the default classifier', () => {
  const classifier = new SecretClassifier();

  for (const [group, rows] of Object.entries(table)) {
    describe(group, () => {
      it.each(rows)('%s → secret: %s (%s)', (name, secret, reason) => {
        expect(classifier.explain(name)).toEqual({ secret, reason });
        expect(classifier.isSensitive(name)).toBe(secret);
      });
    });
  }

  it('explainSecretName is the default classifier', () => {
    expect(explainSecretName('hiddenTokenIds')).toEqual({ secret: false, reason: 'asset token: hidden' });
    expect(explainSecretName('bio_pass')).toEqual({ secret: true, reason: 'password: pass' });
  });

  it('lists each name once, so no row hides another', () => {
    const names = Object.values(table).flatMap((rows) => rows.map(([name]) => name));
    expect(names.length).toBeGreaterThan(150);
    expect(new Set(names).size).toBe(names.length);
  });
});

/**
 * Member chains as written in code (`explainMember`): the last member names
 * the value; the objects before it only make a token that says nothing of its
 * own a credential.
 */
const members: Row[] = [
  // The object says whose tokens these are.
  ['auth.tokens', true, 'credential token: auth'],
  ['session.tokens', true, 'credential token: session'],
  ['tokens.access', true, 'credential token: access'],
  ['state.auth.tokenList', true, 'credential token: auth'],
  // The last member decides on its own.
  ['session.accessToken', true, 'credential token: access'],
  ['response.data.refreshToken', true, 'credential token: refresh'],
  ['user.password', true, 'password: password'],
  ['this.token', true, 'credential token: singular'],
  ['wallet.tokens', false, 'asset token: plural'],
  ['portfolio.tokens', false, 'asset token: plural'],
  ['auth.tokenExpiry', false, 'expiry: expiry'],
  // A secret object does not make each of its fields a secret.
  ['credentials.username', false, 'no secret word'],
  ['session.id', false, 'no secret word'],
  ['passcodeKey.salt', false, 'no secret word'],
  ['auth.tokens.length', false, 'no secret word'],
  // What a token response carries beside its tokens.
  ['tokenResponse.scope', false, 'no secret word'],
  ['accessTokenResponse.scope', false, 'no secret word'],
  ['token.value', false, 'no secret word'],
  ['password.length', false, 'no secret word'],
  // Without a dot, the same as `explain`.
  ['tokens', false, 'asset token: plural'],
  ['accessToken', true, 'credential token: access'],
];

describe('member chains', () => {
  const classifier = new SecretClassifier();
  it.each(members)('%s → secret: %s (%s)', (path, secret, reason) => {
    expect(classifier.explainMember(path)).toEqual({ secret, reason });
    expect(classifier.isSensitiveMember(path)).toBe(secret);
  });

  it('differs from classifying the chain as one name where the objects would decide', () => {
    const classifier = new SecretClassifier();
    expect(classifier.explain('credentials.username').secret).toBe(true);
    expect(classifier.explainMember('credentials.username').secret).toBe(false);
    expect(classifier.explain('auth.tokens').secret).toBe(true);
    expect(classifier.explain('tokens').secret).toBe(false);
  });
});

describe('configured classifiers', () => {
  it('adds sensitivePatterns to the defaults, after the default secret words', () => {
    const wallet = classifierFor({ sensitivePatterns: [String.raw`\bwallet\b`] });
    expect(wallet.explain('walletAddress')).toEqual({ secret: true, reason: String.raw`sensitivePatterns: \bwallet\b` });
    expect(wallet.explain('accessToken')).toEqual({ secret: true, reason: 'credential token: access' });
    expect(wallet.explain('wallet.privateKey')).toEqual({ secret: true, reason: 'secret word: private key' });
    expect(classifierFor({}).isSensitive('walletAddress')).toBe(false);
  });

  it('an asset token does not hide another secret word, the project’s included', () => {
    const wallet = classifierFor({ sensitivePatterns: [String.raw`\bwallet\b`] });
    expect(wallet.explain('wallet.hiddenTokenIds')).toEqual({ secret: true, reason: String.raw`sensitivePatterns: \bwallet\b` });
    expect(explainSecretName('wallet.tokens.mnemonic')).toEqual({ secret: true, reason: 'secret word: mnemonic' });
    // A project that wants every token treated as a credential says so.
    const everyToken = classifierFor({ sensitivePatterns: [String.raw`\btokens?\b`] });
    expect(everyToken.explain('tokens')).toEqual({ secret: true, reason: String.raw`sensitivePatterns: \btokens?\b` });
  });

  it('ignorePatterns win over sensitive patterns, and name themselves as the reason', () => {
    const csrf = classifierFor({ ignorePatterns: [String.raw`\bcsrf\b`] });
    expect(csrf.explain('csrfToken')).toEqual({ secret: false, reason: String.raw`ignorePatterns: \bcsrf\b` });
    expect(csrf.explain('csrfTokenExpiry')).toEqual({ secret: false, reason: String.raw`ignorePatterns: \bcsrf\b` });
    expect(csrf.explain('accessToken')).toEqual({ secret: true, reason: 'credential token: access' });
  });

  it('patterns are case-insensitive and match the normalised form', () => {
    const custom = classifierFor({ sensitivePatterns: ['LICENSE KEY'] });
    expect(custom.explain('licenseKey')).toEqual({ secret: true, reason: 'sensitivePatterns: LICENSE KEY' });
    expect(custom.isSensitive('LICENSE_KEY')).toBe(true);
  });

  it('shares one classifier between rules with the same patterns', () => {
    expect(classifierFor({ sensitivePatterns: ['x'] })).toBe(classifierFor({ sensitivePatterns: ['x'] }));
    expect(classifierFor({})).toBe(classifierFor({ sensitivePatterns: [], ignorePatterns: [] }));
  });
});
