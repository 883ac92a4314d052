#!/usr/bin/env node
// Writes a deterministic Flutter app of N Dart files for measuring the Dart
// front-end (bench/dart-parse.js).
//
//   node bench/generate-dart.js <dir> <count>
//
// Most files are widgets, models, repositories and utilities that never touch
// storage; about 3% use flutter_secure_storage, SharedPreferences or
// local_auth directly. Files average ~150 lines with Dart 3 syntax in places
// (records, switch expressions, sealed classes). The same count always gives
// byte-identical output: every choice comes from a seeded PRNG.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './generate.js';

const SEED = 0xda27;
const APP = 'bench_app';

function makeRandom(seed) {
  const next = prng(seed);
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const NOUNS = ['order', 'invoice', 'profile', 'message', 'contact', 'product', 'review', 'ticket', 'payment', 'address', 'photo', 'event'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function model(r, noun) {
  const Name = cap(noun);
  const fields = Array.from({ length: r.int(3, 9) }, (_, i) => [r.pick(['String', 'int', 'double', 'bool', 'DateTime?']), `${noun}Field${i}`]);
  return `import 'package:meta/meta.dart';

@immutable
class ${Name} {
  const ${Name}({${fields.map(([, n]) => `required this.${n}`).join(', ')}});

${fields.map(([t, n]) => `  final ${t} ${n};`).join('\n')}

  ${Name} copyWith({${fields.map(([t, n]) => `${t.endsWith('?') ? t : `${t}?`} ${n}`).join(', ')}}) => ${Name}(
${fields.map(([, n]) => `        ${n}: ${n} ?? this.${n},`).join('\n')}
      );

  Map<String, Object?> toJson() => {
${fields.map(([, n]) => `        '${n}': ${n}${n.includes('DateTime') ? '?.toIso8601String()' : ''},`).join('\n')}
      };
}

sealed class ${Name}State {}

final class ${Name}Loading extends ${Name}State {}

final class ${Name}Loaded extends ${Name}State {
  ${Name}Loaded(this.items);
  final List<${Name}> items;
}

String describe${Name}(${Name}State state) => switch (state) {
      ${Name}Loading() => 'loading',
      ${Name}Loaded(:final items) when items.isEmpty => 'empty',
      ${Name}Loaded(:final items) => '\${items.length} items',
    };
`;
}

function widget(r, noun, index) {
  const Name = `${cap(noun)}Screen${index}`;
  const rows = Array.from(
    { length: r.int(3, 14) },
    (_, i) => `            ListTile(
              leading: const Icon(Icons.${r.pick(['star', 'home', 'settings', 'person', 'mail'])}),
              title: Text('${noun} row ${i}'),
              subtitle: Text(_subtitle(${i})),
              onTap: () => _select(context, ${i}),
            ),`,
  );
  return `import 'package:flutter/material.dart';
import 'package:${APP}/models/${noun}.dart';

class ${Name} extends StatefulWidget {
  const ${Name}({super.key, required this.title});

  final String title;

  @override
  State<${Name}> createState() => _${Name}State();
}

class _${Name}State extends State<${Name}> {
  int _selected = -1;
  final (int, String) _pair = (0, '${noun}');

  String _subtitle(int i) => i.isEven ? 'even \${_pair.$2}' : 'odd \${_pair.$1}';

  void _select(BuildContext context, int i) {
    setState(() => _selected = i);
    ScaffoldMessenger.of(context).showSnackBar(SnackBar(content: Text('Selected $i')));
  }

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(title: Text(widget.title)),
      body: Padding(
        padding: const EdgeInsets.all(16),
        child: SingleChildScrollView(
          child: Column(
            crossAxisAlignment: CrossAxisAlignment.start,
            children: [
${rows.join('\n')}
              if (_selected >= 0) Text('Selected: $_selected'),
            ],
          ),
        ),
      ),
    );
  }
}
`;
}

function repository(r, noun) {
  const Name = cap(noun);
  const methods = Array.from(
    { length: r.int(2, 8) },
    (_, i) => `  Future<List<${Name}>> fetch${i}({int page = 0}) async {
    final response = await _client.get(Uri.parse('$_base/${noun}s?page=$page&v=${i}'));
    if (response.statusCode != 200) throw ${Name}Exception(response.statusCode);
    final body = jsonDecode(response.body) as List<dynamic>;
    return [for (final item in body) _parse(item as Map<String, dynamic>)];
  }
`,
  );
  return `import 'dart:convert';

import 'package:http/http.dart' as http;
import 'package:${APP}/models/${noun}.dart';

class ${Name}Exception implements Exception {
  ${Name}Exception(this.status);
  final int status;
}

class ${Name}Repository {
  ${Name}Repository(this._client, {String base = 'https://api.example.com'}) : _base = base;

  final http.Client _client;
  final String _base;

${methods.join('\n')}
  ${Name} _parse(Map<String, dynamic> json) => throw UnimplementedError(json.keys.join(','));
}
`;
}

function storageFile(r, index) {
  const kind = r.pick(['secure', 'secure', 'prefs', 'auth']);
  const key = `feature${index}.${r.pick(['token', 'session', 'pin', 'settings'])}`;
  if (kind === 'secure') {
    return `// SecureStore prefix: feature${index}.*
import 'dart:convert';

import 'package:flutter_secure_storage/flutter_secure_storage.dart';

class Feature${index}Store {
  const Feature${index}Store(this._storage);

  final FlutterSecureStorage _storage;
  static const _key = '${key}';

  Future<void> save(String value) => _storage.write(key: _key, value: value);
  Future<String?> load() => _storage.read(key: _key);
  Future<void> saveAll(Map<String, Object?> data) => _storage.write(key: '\${_key}.blob', value: jsonEncode(data));
  Future<void> clear() => _storage.delete(key: _key);
}

const feature${index}Store = Feature${index}Store(
  FlutterSecureStorage(${r.chance(0.7) ? 'iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock_this_device)' : ''}),
);
`;
  }
  if (kind === 'prefs') {
    return `import 'package:shared_preferences/shared_preferences.dart';

Future<void> remember${index}(String value) async {
  final prefs = await SharedPreferences.getInstance();
  await prefs.setString('${key}', value);
}

Future<String?> recall${index}() async => (await SharedPreferences.getInstance()).getString('${key}');
`;
  }
  return `import 'package:flutter_secure_storage/flutter_secure_storage.dart';
import 'package:local_auth/local_auth.dart';

const _storage = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.passcode));
final _auth = LocalAuthentication();

Future<String?> unlock${index}() async {
  final ok = await _auth.authenticate(localizedReason: 'Unlock', options: const AuthenticationOptions(biometricOnly: true));
  return ok ? _storage.read(key: '${key}') : null;
}
`;
}

export function generateDartApp(dir, count) {
  const r = makeRandom(SEED);
  rmSync(dir, { recursive: true, force: true });
  const files = new Map();
  files.set(
    'pubspec.yaml',
    `name: ${APP}\nenvironment:\n  sdk: ^3.5.0\ndependencies:\n  flutter:\n    sdk: flutter\n  flutter_secure_storage: ^9.2.2\n  shared_preferences: ^2.3.2\n  local_auth: ^2.3.0\n`,
  );
  for (const noun of NOUNS) files.set(`lib/models/${noun}.dart`, model(r, noun));
  for (let i = 0; files.size - 1 < count; i++) {
    const noun = r.pick(NOUNS);
    if (r.chance(0.03)) files.set(`lib/features/feature_${i}.dart`, storageFile(r, i));
    else if (r.chance(0.6)) files.set(`lib/screens/${noun}/${noun}_screen_${i}.dart`, widget(r, noun, i));
    else files.set(`lib/data/${noun}_repository_${i}.dart`, repository(r, noun));
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return [...files.keys()].filter((p) => p.endsWith('.dart'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, count = '2000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/generate-dart.js <dir> <count>');
    process.exit(2);
  }
  const files = generateDartApp(dir, Number(count));
  console.log(`${files.length} Dart files in ${dir}`);
}
