import { ts } from './ts.js';
import type { FileModel, Lookup } from './model.js';
import { MMKV_FACTORIES } from './apis.js';
import { resolveObject, stripWrappers } from './values.js';
import { propertyValues, variableValues, type GivenValue } from './mutable-values.js';

// Whether something holds an MMKV instance that keeps its values
// unencrypted: one made by `new MMKV(options)` / `createMMKV(options)`
// without an encryptionKey. A name or property given several values (a `let`
// set in each branch, a property the app sets when an account is opened) is
// one only when every value it is given is such an instance, or nothing
// (`undefined`: no instance, so no write). One unknown or encrypted value
// makes it unknown: not plaintext.

/** Every lookup here asks whether a name holds an API's instance: never a plain value. */
const CALLEE: Lookup = { callee: true };

/** How many names and properties deep a value is followed (`box` → `vaults.current` → `opened`…). */
const MAX_STEPS = 6;

/** `new MMKV()` / `createMMKV({ id })` without an encryptionKey; options that cannot be resolved leave it unknown. */
export function isPlaintextMmkvConstruction(expr: ts.Expression, file: FileModel): boolean {
  const init = stripWrappers(expr);
  if (!ts.isNewExpression(init) && !ts.isCallExpression(init)) return false;
  if (!ts.isIdentifier(init.expression)) return false;
  const factory = file.resolveIdentifier(init.expression, CALLEE);
  if (factory?.kind !== 'api' || factory.binding.kind !== 'member' || factory.binding.api !== 'mmkv') return false;
  if (!MMKV_FACTORIES.has(factory.binding.member)) return false;
  const options = init.arguments?.[0];
  if (!options) return true;
  const object = resolveObject(options, file);
  return object !== undefined && object.complete && !object.properties.has('encryptionKey');
}

/** A variable declared with, or given in every assignment, a plaintext MMKV instance. */
export function isPlaintextMmkvInstance(declaration: ts.Node, file: FileModel, steps = 0): boolean {
  if (!ts.isVariableDeclaration(declaration)) return false;
  // A `let` whose initializer is something else already is none: its assignments need not be looked for.
  if (declaration.initializer && !isNothing(declaration.initializer) && !holdsPlaintextMmkv(declaration.initializer, file, steps + 1)) return false;
  return allPlaintext(variableValues(declaration, file), steps);
}

/** An expression whose value is a plaintext MMKV instance: a construction, a name or a constant object's property holding one. */
export function holdsPlaintextMmkv(expr: ts.Expression, file: FileModel, steps = 0): boolean {
  if (steps > MAX_STEPS) return false;
  const inner = stripWrappers(expr);
  if (ts.isNewExpression(inner) || ts.isCallExpression(inner)) return isPlaintextMmkvConstruction(inner, file);
  if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner, CALLEE);
    return (target?.kind === 'local' || target?.kind === 'declaration') && isPlaintextMmkvInstance(target.node, target.file, steps + 1);
  }
  if (ts.isPropertyAccessExpression(inner)) return allPlaintext(propertyValues(inner, file), steps);
  return false;
}

function allPlaintext(values: GivenValue[] | undefined, steps: number): boolean {
  if (!values) return false;
  let some = false;
  for (const value of values) {
    if (isNothing(value.expr)) continue;
    if (!holdsPlaintextMmkv(value.expr, value.file, steps + 1)) return false;
    some = true;
  }
  return some;
}

/** `undefined`, `null`, `void 0`: no instance. */
function isNothing(expr: ts.Expression): boolean {
  const inner = stripWrappers(expr);
  return (ts.isIdentifier(inner) && inner.text === 'undefined') || inner.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(inner);
}
