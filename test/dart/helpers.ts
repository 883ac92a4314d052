import { loadDartParser } from '../../src/dart/parser.js';
import { dartFileFacts } from '../../src/dart/facts.js';
import type { DartFileFacts } from '../../src/dart/facts-types.js';

export const IMPORTS = {
  fss: "import 'package:flutter_secure_storage/flutter_secure_storage.dart';\n",
  prefs: "import 'package:shared_preferences/shared_preferences.dart';\n",
  auth: "import 'package:local_auth/local_auth.dart';\n",
  hive: "import 'package:hive/hive.dart';\n",
  getStorage: "import 'package:get_storage/get_storage.dart';\n",
  convert: "import 'dart:convert';\n",
};

export async function factsOf(text: string, fileName = 'lib/snippet.dart', appPackage = 'demo_app'): Promise<DartFileFacts> {
  const parser = await loadDartParser();
  return dartFileFacts(parser, text, { fileName, appPackage });
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, at).split('\n').length;
}
