import type { Node } from 'web-tree-sitter';
import type { DartImport, DartPart, HeaderComment } from './facts-types.js';
import { rangeOf, stringValue, kids, namedKids } from './syntax.js';

// The file's directives (import, export, part, part of) and its header
// comment: all of them are children of the program node, so no walk.

function uriText(holder: Node): string | undefined {
  let uri: Node | null | undefined = namedKids(holder).find((c) => c.type === 'configurable_uri' || c.type === 'uri');
  if (uri?.type === 'configurable_uri') uri = namedKids(uri).find((c) => c.type === 'uri');
  const literal = uri ? namedKids(uri).find((c) => c.type === 'string_literal') : undefined;
  const value = literal && stringValue(literal, () => undefined);
  return value?.kind === 'exact' ? value.value : undefined;
}

function combinatorNames(holder: Node, keyword: 'show' | 'hide'): string[] | undefined {
  const lists = namedKids(holder).filter((c) => c.type === 'combinator' && c.child(0)?.type === keyword);
  if (lists.length === 0) return undefined;
  return lists.flatMap((list) =>
    namedKids(list)
      .filter((c) => c.type === 'identifier')
      .map((c) => c.text),
  );
}

function directiveOf(node: Node, appPackage: string | undefined): DartImport | undefined {
  const inner = node.namedChild(0);
  const holder = inner?.type === 'library_import' ? namedKids(inner).find((c) => c.type === 'import_specification') : inner;
  if (!inner || !holder) return undefined;
  const uri = uriText(holder);
  if (uri === undefined) return undefined;
  const packageName = /^package:([^/]+)\//.exec(uri)?.[1];
  const asAt = kids(holder).findIndex((c) => c.type === 'as');
  const show = combinatorNames(holder, 'show');
  const hide = combinatorNames(holder, 'hide');
  return {
    uri,
    directive: inner.type === 'library_export' ? 'export' : 'import',
    ...(packageName ? { packageName } : {}),
    ownPackage: packageName !== undefined && packageName === appPackage,
    relative: !/^[a-z][a-z0-9+.-]*:/i.test(uri),
    ...(asAt >= 0 && holder.child(asAt + 1) ? { prefix: holder.child(asAt + 1)!.text } : {}),
    deferred: kids(holder).some((c) => c.type === 'deferred'),
    ...(show ? { show } : {}),
    ...(hide ? { hide } : {}),
    range: rangeOf(node),
  };
}

export interface Directives {
  header: HeaderComment[];
  imports: DartImport[];
  parts: DartPart[];
}

export function readDirectives(program: Node, appPackage: string | undefined): Directives {
  const header: HeaderComment[] = [];
  const imports: DartImport[] = [];
  const parts: DartPart[] = [];
  let inHeader = true;
  for (const child of kids(program)) {
    const isComment = child.type === 'comment' || child.type === 'documentation_comment';
    if (isComment && inHeader) {
      header.push({ text: child.text, range: rangeOf(child) });
      continue;
    }
    if (!isComment) inHeader = false;
    if (child.type === 'import_or_export') {
      const directive = directiveOf(child, appPackage);
      if (directive) imports.push(directive);
    } else if (child.type === 'part_directive' || child.type === 'part_of_directive') {
      const uri = uriText(child);
      const name = namedKids(child).find((c) => c.type === 'dotted_identifier_list')?.text;
      const target = uri ?? name;
      if (target !== undefined) parts.push({ kind: child.type === 'part_directive' ? 'part' : 'part-of', target, range: rangeOf(child) });
    }
  }
  return { header, imports, parts };
}
