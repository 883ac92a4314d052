import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/require-keychain-accessible.js';
import { analyseDartFile } from '../../src/dart/file-facts.js';
import { loadDartParser, type DartParser } from '../../src/dart/parser.js';
import { IMPORTS } from './helpers.js';

// The class require-keychain-accessible suggests for a FlutterSecureStorage
// construction: first_unlock_this_device where the store is used at start-up
// or in the background (read before the phone is unlocked), else
// unlocked_this_device. A construction handed straight to an app class has
// no call in the file: the function it is written in decides.

let parser: DartParser;
beforeAll(async () => {
  parser = await loadDartParser();
});

function suggested(body: string): string[] {
  const text = `${IMPORTS.fss}\n${body}`;
  const { facts } = analyseDartFile(parser, { fileName: '/app/lib/main.dart', text });
  const found: string[] = [];
  rule.checkFacts!({ facts, options: rule.meta.defaultOptions, report: (d) => found.push(`${d.messageId} ${d.data?.suggested}`) });
  return found;
}

const SETTINGS = `
class Settings {
  Settings(this.storage);
  final FlutterSecureStorage storage;
}
`;

describe('the class suggested for a construction', () => {
  it('is first_unlock_this_device for one written in main and handed to an app class', () => {
    expect(suggested(`${SETTINGS}\nvoid main() {\n  final settings = Settings(FlutterSecureStorage());\n}\n`)).toEqual([
      'instanceWithoutAccessibility first_unlock_this_device',
    ]);
  });

  it('is unlocked_this_device for one written in a screen’s code', () => {
    expect(suggested(`${SETTINGS}\nvoid openSettings() {\n  final settings = Settings(FlutterSecureStorage());\n}\n`)).toEqual([
      'instanceWithoutAccessibility unlocked_this_device',
    ]);
  });

  it('follows the calls of the store when the file has some', () => {
    const store = (method: string) =>
      `class Vault {\n  final _storage = FlutterSecureStorage();\n  Future<String?> ${method}() => _storage.read(key: 'vault.key');\n}\n`;
    expect(suggested(store('restoreSession'))).toEqual(['instanceWithoutAccessibility first_unlock_this_device']);
    expect(suggested(store('onUnlockPressed'))).toEqual(['instanceWithoutAccessibility unlocked_this_device']);
  });

  it('is first_unlock_this_device for a store read in a Workmanager task, a closure in callbackDispatcher', () => {
    const dispatcher = [
      "@pragma('vm:entry-point')",
      'void callbackDispatcher() {',
      '  Workmanager().executeTask((task, inputData) async {',
      "    final token = await const FlutterSecureStorage().read(key: 'sync.token');",
      '    return token != null;',
      '  });',
      '}',
    ].join('\n');
    expect(suggested(dispatcher)).toEqual(['instanceWithoutAccessibility first_unlock_this_device']);
  });
});
