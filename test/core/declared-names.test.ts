import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/core/model.js';
import { parseSource } from '../../src/core/parse.js';
import { ts } from '../../src/core/ts.js';
import { syntaxIndex } from '../../src/core/syntax-index.js';

// A name the file declares nowhere resolves to nothing without a scope
// search (FileModel.resolveIdentifier). That shortcut is only right if the
// index sees every way a file can bind a name.

const source = [
  "import def, { named as renamed } from './a';",
  "import * as ns from './b';",
  "import eq = require('./c');",
  'const plain = 1, { objKey, nested: { deep } } = obj(), [first, , third] = arr();',
  'function decl(param: string, { destructured }: Opts, [element]: string[], ...rest: unknown[]) {}',
  'const expression = function named() {};',
  'class Klass {}',
  'const classExpression = class InnerKlass {};',
  'enum Colour { Red }',
  'namespace Space {}',
  'for (const loopVar of list()) {}',
  'try {} catch (caught) {}',
  'const arrow = (arrowParam: number) => arrowParam;',
].join('\n');

describe('the names a file declares', () => {
  it('are found in every binding form', () => {
    const names = syntaxIndex(parseSource('/app/forms.ts', source)).declaredNames;
    for (const name of [
      'def',
      'renamed',
      'ns',
      'eq',
      'plain',
      'objKey',
      'deep',
      'first',
      'third',
      'decl',
      'param',
      'destructured',
      'element',
      'rest',
      'expression',
      'named',
      'Klass',
      'classExpression',
      'InnerKlass',
      'Colour',
      'Space',
      'loopVar',
      'caught',
      'arrow',
      'arrowParam',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(names).not.toContain('obj');
    expect(names).not.toContain('list');
  });

  it('decide resolution: a global resolves to nothing, a declared name as before', () => {
    const text = "const save = (k: string) => k;\nfunction run(fetch: () => void) { fetch(); save('a'); String(1); }\n";
    const sf = parseSource('/app/use.ts', text);
    const file = new Workspace().file(sf);
    const calls = syntaxIndex(sf).calls.map((call) => call.expression as ts.Identifier);
    expect(calls.map((id) => [id.text, file.resolveIdentifier(id)?.kind])).toEqual([
      ['fetch', 'parameter'],
      ['save', 'declaration'],
      ['String', undefined],
    ]);
  });
});
