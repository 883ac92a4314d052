// Routes: the condition under which a wrapper reaches one of its storage
// calls, when that condition depends on what the caller passes. Storage
// services pick the store from the key (`if (SECURE_KEYS.includes(key))
// SecureStore… else AsyncStorage…`); without the condition, every caller would
// be said to reach both stores. A route is plain data, computed once per
// function summary (route-conditions.ts reads it from the code); the caller
// evaluates it with its own arguments, here.

/**
 * A resolved string, as values.ts's StringValue (spelt out here so that this
 * file of plain data imports nothing: api-call.ts names it).
 */
type StringValue = { kind: 'exact'; value: string } | { kind: 'pattern'; parts: (string | null)[] };

/** What a test looks at: the wrapper's parameter, or a value already known when summaries were composed. */
export type RouteSubject = { kind: 'parameter'; index: number } | { kind: 'value'; value: StringValue | undefined };

/**
 * A test of one string: `some` is true when the string relates by `method` to
 * one of `texts` (`equals` for membership); undefined texts are unknown contents.
 */
export type RouteTest =
  | { kind: 'some'; method: 'equals' | 'includes' | 'startsWith' | 'endsWith'; texts: readonly string[] | undefined }
  | { kind: 'regex'; source: string; flags: string }
  /** `!key`: a guard against a missing key, which tells nothing of an unknown one (it may go either way). */
  | { kind: 'nonEmpty' };

export type Route =
  | { kind: 'test'; subject: RouteSubject; test: RouteTest }
  | { kind: 'not'; operand: Route }
  | { kind: 'and' | 'or'; operands: Route[] }
  | { kind: 'constant'; value: boolean }
  /** Not about a parameter: may go either way for any key. */
  | { kind: 'free' };

/** Whether a call along a route runs for the caller's arguments. */
export type RouteVerdict = 'taken' | 'not-taken' | 'unknown';

export function allOf(routes: (Route | undefined)[]): Route | undefined {
  const operands = routes.filter((r): r is Route => r !== undefined);
  if (operands.length === 0) return undefined;
  return operands.length === 1 ? operands[0] : { kind: 'and', operands };
}

/**
 * A route with its parameters replaced: by the caller's parameters or known
 * values, through the arguments of the call between them. A test of an
 * argument that is neither becomes free: it is not the key the caller passes.
 */
export function mapSubjects(route: Route, map: (index: number) => RouteSubject | undefined): Route {
  switch (route.kind) {
    case 'test': {
      if (route.subject.kind !== 'parameter') return route;
      const subject = map(route.subject.index);
      return subject ? { ...route, subject } : { kind: 'free' };
    }
    case 'not':
      return { kind: 'not', operand: mapSubjects(route.operand, map) };
    case 'and':
    case 'or':
      return { kind: route.kind, operands: route.operands.map((r) => mapSubjects(r, map)) };
    default:
      return route;
  }
}

// Evaluation. For the caller's arguments, a condition may be able to be true
// and able to be false (each yes, no or unknown): a free condition can be
// both whatever the key; a test of an unknown key can be either, nobody knows.

type Tri = 'yes' | 'no' | 'unknown';
interface Possible {
  canBeTrue: Tri;
  canBeFalse: Tri;
}

const triAnd = (a: Tri, b: Tri): Tri => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'unknown');
const triOr = (a: Tri, b: Tri): Tri => (a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'unknown');
const known = (value: boolean | undefined): Possible =>
  value === undefined ? { canBeTrue: 'unknown', canBeFalse: 'unknown' } : { canBeTrue: value ? 'yes' : 'no', canBeFalse: value ? 'no' : 'yes' };

/** Whether the call a route leads to runs for the caller's arguments (`argument(i)`: the string it passes at position i). */
export function evaluateRoute(route: Route | undefined, argument: (index: number) => StringValue | undefined): RouteVerdict {
  if (!route) return 'taken';
  const verdict = possible(route, argument).canBeTrue;
  return verdict === 'yes' ? 'taken' : verdict === 'no' ? 'not-taken' : 'unknown';
}

function possible(route: Route, argument: (index: number) => StringValue | undefined): Possible {
  switch (route.kind) {
    case 'constant':
      return known(route.value);
    case 'free':
      return { canBeTrue: 'yes', canBeFalse: 'yes' };
    case 'not': {
      const operand = possible(route.operand, argument);
      return { canBeTrue: operand.canBeFalse, canBeFalse: operand.canBeTrue };
    }
    case 'and':
    case 'or': {
      const parts = route.operands.map((r) => possible(r, argument));
      const all = route.kind === 'and';
      return parts.reduce((a, b) => ({
        canBeTrue: all ? triAnd(a.canBeTrue, b.canBeTrue) : triOr(a.canBeTrue, b.canBeTrue),
        canBeFalse: all ? triOr(a.canBeFalse, b.canBeFalse) : triAnd(a.canBeFalse, b.canBeFalse),
      }));
    }
    case 'test': {
      const value = route.subject.kind === 'parameter' ? argument(route.subject.index) : route.subject.value;
      if (!value && route.test.kind === 'nonEmpty') return { canBeTrue: 'yes', canBeFalse: 'yes' };
      return known(value && testString(route.test, value));
    }
  }
}

/** A test of a resolved string; undefined when a pattern's unknown parts decide it. */
export function testString(routeTest: RouteTest, value: StringValue): boolean | undefined {
  if (routeTest.kind === 'nonEmpty') return value.kind === 'exact' ? value.value !== '' : value.parts.some((p) => p !== null && p !== '') || undefined;
  if (routeTest.kind === 'regex') {
    if (value.kind !== 'exact') return undefined;
    try {
      return new RegExp(routeTest.source, routeTest.flags.replace(/[gy]/g, '')).test(value.value);
    } catch {
      return undefined;
    }
  }
  const { texts, method } = routeTest;
  if (!texts) return undefined;
  if (value.kind === 'exact') {
    const text = value.value;
    return texts.some((t) => (method === 'equals' ? text === t : text[method](t)));
  }
  // A pattern: its literal parts can settle some tests.
  const results = texts.map((t) => patternTest(method, t, value.parts));
  if (results.includes(true)) return true;
  return results.every((r) => r === false) ? false : undefined;
}

function patternTest(method: 'equals' | 'includes' | 'startsWith' | 'endsWith', text: string, parts: (string | null)[]): boolean | undefined {
  const head = typeof parts[0] === 'string' ? parts[0] : '';
  const last = parts[parts.length - 1];
  const tail = typeof last === 'string' ? last : '';
  const prefixClash = !(head.startsWith(text) || text.startsWith(head));
  const suffixClash = !(tail.endsWith(text) || text.endsWith(tail));
  switch (method) {
    case 'includes':
      return parts.some((p) => p !== null && p.includes(text)) ? true : undefined;
    case 'startsWith':
      return head.startsWith(text) ? true : prefixClash ? false : undefined;
    case 'endsWith':
      return tail.endsWith(text) ? true : suffixClash ? false : undefined;
    case 'equals':
      return prefixClash || suffixClash ? false : undefined;
  }
}
