import { ts } from './ts.js';
import { functionName, isFunctionNode, type FunctionNode } from './ast.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';
import { storeOfStateCreator } from './zustand-store.js';

// Where a piece of code runs often or early enough that blocking the JS thread
// there is felt: render (component and hook bodies, class render(), state
// initializers), loops and array callbacks, and module load (cold start).
// Code in a nested event handler or an ordinary function is not a hot path.
// zustand calls a store's state creator when the store is made: its body runs
// where `create(…)` stands (at import, for a store made at module top level);
// the actions it returns are ordinary functions.

export type HotPathKind = 'component' | 'hook' | 'class-render' | 'hook-initializer' | 'hook-argument' | 'loop' | 'array-callback' | 'module';

export interface HotPath {
  kind: HotPathKind;
  /** Where the code runs, for messages: "in component LoginScreen". */
  where: string;
}

/** Array methods whose callback runs once per element. */
const ARRAY_CALLBACK_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);

/** React hooks whose argument is evaluated (or whose callback runs) during render. */
const RENDER_HOOKS = new Set(['useState', 'useMemo']);

const COMPONENT_CLASSES = new Set(['Component', 'PureComponent']);

/** The hot path `node` runs on, or undefined when it runs in an ordinary function or handler. */
export function hotPathOf(node: ts.Node, file: FileModel): HotPath | undefined {
  let child = node;
  let inStoreInitializer = false;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const loop = repeatingLoop(parent, child);
    if (loop) return { kind: 'loop', where: `inside a ${loop} loop (runs once per iteration)` };
    if (ts.isCallExpression(parent) && (parent.arguments[0] as ts.Node | undefined) === child && !isFunctionNode(stripWrappers(child as ts.Expression))) {
      const hook = renderHookName(parent, file);
      if (hook) return { kind: 'hook-argument', where: `in the argument of ${hook}() (evaluated on every render)` };
    }
    if (isFunctionNode(parent)) {
      if (isImmediatelyInvoked(parent)) continue;
      const store = storeOfStateCreator(parent, file);
      if (store) {
        // Go on from the call that makes the store: the next step looks at what holds it.
        inStoreInitializer = true;
        parent = store.creation;
        continue;
      }
      return hotFunction(parent, file);
    }
    // An instance field initializer runs when the object is constructed: an ordinary place.
    if (ts.isPropertyDeclaration(parent) && parent.initializer === child && !isStatic(parent)) return undefined;
    if (ts.isSourceFile(parent)) {
      return { kind: 'module', where: inStoreInitializer ? 'in zustand create() (runs at import)' : 'at module top level (runs on cold start)' };
    }
  }
  return undefined;
}

/**
 * Whether a function's own body is a hot path wherever it is called from: a
 * component, a hook (by its name alone, whoever calls it), a class
 * component's render(). A storage call reached through such a function is
 * reported inside it.
 */
export function bodyIsHotPath(fn: FunctionNode): boolean {
  return renderFunction(fn) !== undefined;
}

/** Why a function is a hot path, or undefined for an ordinary function. */
function hotFunction(fn: FunctionNode, file: FileModel): HotPath | undefined {
  const call = callTakingFunction(fn);
  if (call && (call.arguments[0] as ts.Node | undefined) === outermostWrapper(fn)) {
    const callee = stripWrappers(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ARRAY_CALLBACK_METHODS.has(callee.name.text)) {
      return { kind: 'array-callback', where: `inside a .${callee.name.text}() callback (runs once per element)` };
    }
    const hook = renderHookName(call, file);
    if (hook === 'useState') return { kind: 'hook-initializer', where: 'in a useState initializer (runs during render)' };
    if (hook) return { kind: 'hook-initializer', where: `in a ${hook} callback (runs during render)` };
  }
  return renderFunction(fn);
}

/** A function whose body runs on every render: a component, a hook, a class component's render(). */
function renderFunction(fn: FunctionNode): HotPath | undefined {
  if (ts.isMethodDeclaration(fn)) {
    const owner = componentClassName(fn);
    return owner !== undefined ? { kind: 'class-render', where: `in ${owner}.render() (runs on every render)` } : undefined;
  }
  if (!ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  const name = functionName(fn);
  if (!name) return undefined;
  if (/^use[A-Z0-9]/.test(name)) return { kind: 'hook', where: `in hook ${name} (runs on every render)` };
  if (/^[A-Z]/.test(name)) return { kind: 'component', where: `in component ${name} (runs on every render)` };
  return undefined;
}

/** Where an ordinary function sits, for messages about code that is not on a hot path. */
export function describeFunctionContext(node: ts.Node): string {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isPropertyDeclaration(parent) && !isStatic(parent)) return 'in a class field initializer';
    if (!isFunctionNode(parent) || isImmediatelyInvoked(parent)) continue;
    const holder = outermostWrapper(parent).parent;
    if (holder && ts.isJsxExpression(holder) && holder.parent && ts.isJsxAttribute(holder.parent)) {
      return `in the ${holder.parent.name.getText()} handler`;
    }
    if (ts.isConstructorDeclaration(parent)) return parent.parent.name ? `in the constructor of class ${parent.parent.name.text}` : 'in a class constructor';
    const call = callTakingFunction(parent);
    const calleeText = call && calleeLabel(call);
    if (calleeText) return `in a callback passed to ${calleeText}()`;
    const name = functionName(parent);
    return name ? `in function ${name}` : 'in an anonymous function';
  }
  return 'at module top level';
}

function repeatingLoop(parent: ts.Node, child: ts.Node): string | undefined {
  if (ts.isForStatement(parent)) {
    return child === parent.statement || child === parent.condition || child === parent.incrementor ? 'for' : undefined;
  }
  if (ts.isForOfStatement(parent)) return child === parent.statement ? 'for...of' : undefined;
  if (ts.isForInStatement(parent)) return child === parent.statement ? 'for...in' : undefined;
  if (ts.isWhileStatement(parent)) return 'while';
  if (ts.isDoStatement(parent)) return 'do...while';
  return undefined;
}

/** `useState(...)` / `React.useMemo(...)`, unless the name is declared in this file. */
function renderHookName(call: ts.CallExpression, file: FileModel): string | undefined {
  const callee = stripWrappers(call.expression);
  if (ts.isIdentifier(callee)) {
    if (!RENDER_HOOKS.has(callee.text)) return undefined;
    const target = file.resolveIdentifier(callee);
    return target === undefined || target.kind === 'api' ? callee.text : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) && RENDER_HOOKS.has(callee.name.text)) {
    const receiver = stripWrappers(callee.expression);
    if (!ts.isIdentifier(receiver)) return undefined;
    const target = file.resolveIdentifier(receiver);
    return target === undefined || target.kind === 'api' ? callee.name.text : undefined;
  }
  return undefined;
}

/** The class name when `method` is `render()` of a class extending (React.)Component or PureComponent. */
function componentClassName(method: ts.MethodDeclaration): string | undefined {
  if (!ts.isIdentifier(method.name) || method.name.text !== 'render' || isStatic(method)) return undefined;
  const cls = method.parent;
  if (!ts.isClassLike(cls)) return undefined;
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base) return undefined;
  const baseName = ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : undefined;
  if (!baseName || !COMPONENT_CLASSES.has(baseName)) return undefined;
  if (cls.name) return cls.name.text;
  const holder = cls.parent;
  return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : 'anonymous';
}

function outermostWrapper(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isSatisfiesExpression(current.parent))) {
    current = current.parent;
  }
  return current;
}

/** The call `fn` is passed to as an argument, if any. */
function callTakingFunction(fn: FunctionNode): ts.CallExpression | undefined {
  const outer = outermostWrapper(fn);
  const parent = outer.parent;
  return parent && ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression) ? parent : undefined;
}

/** `(() => { ... })()`: the body runs where the call stands. */
function isImmediatelyInvoked(fn: FunctionNode): boolean {
  const outer = outermostWrapper(fn);
  const parent = outer.parent;
  return !!parent && ts.isCallExpression(parent) && parent.expression === outer;
}

function calleeLabel(call: ts.CallExpression): string | undefined {
  const callee = stripWrappers(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return `.${callee.name.text}`;
  return undefined;
}

function isStatic(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
}
