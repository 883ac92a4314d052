import { beforeAll, describe, expect, it } from 'vitest';
import { analyseDartFile } from '../../src/dart/file-facts.js';
import { loadDartParser, type DartParser } from '../../src/dart/parser.js';
import { IMPORTS } from './helpers.js';

// Messages name a Dart call by its text up to the method (`_storage.write`),
// on one line. A receiver that is a construction keeps its type and drops its
// arguments: options written out there would crowd the message.

let parser: DartParser;
beforeAll(async () => {
  parser = await loadDartParser();
});

function callsOf(body: string): string[] {
  const text = `${IMPORTS.fss}${IMPORTS.prefs}\n${body}`;
  return analyseDartFile(parser, { fileName: '/app/lib/store.dart', text }).facts.operations.map((op) => op.call);
}

describe('the call a Dart message names', () => {
  it('shortens a construction receiver to its type', () => {
    const calls = callsOf(`
const iosOptions = IOSOptions(groupId: 'group.example.app');
Future<void> save(String value) async {
  await FlutterSecureStorage(
    iOptions: iosOptions,
  ).write(key: 'database.key', value: value, iOptions: iosOptions);
  await const FlutterSecureStorage().delete(key: 'database.key');
}
`);
    expect(calls).toEqual(['FlutterSecureStorage(…).write', 'const FlutterSecureStorage().delete']);
  });

  it('keeps a chain on one line, and the words of a parenthesised receiver apart', () => {
    const calls = callsOf(`
const _storage = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock_this_device));
final _prefs = SharedPreferences.getInstance();
Future<void> save(String value) async {
  await _storage
      .write(key: 'device.id', value: value);
  await (await _prefs).setString('theme', value);
}
`);
    expect(calls).toEqual(['_storage.write', '(await _prefs).setString']);
  });
});
