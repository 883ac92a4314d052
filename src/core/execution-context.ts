import { ts } from './ts.js';
import { calleeName, enclosingFunction, functionName } from './ast.js';

// Where a piece of code runs. These answers only choose between suggestions or
// decide "hot path"; they never turn an unknown into a finding on their own.

/** Calls whose callback runs as a background task, before the user unlocks the phone. */
const BACKGROUND_REGISTRARS = new Set([
  'defineTask',
  'registerHeadlessTask',
  'setBackgroundMessageHandler',
  'registerTaskAsync',
  'addNotificationReceivedListener',
]);

/**
 * Names of functions that run at start-up or in the background. `callbackDispatcher`
 * is the entry point Workmanager and android_alarm_manager_plus document for
 * Flutter's background isolate: its tasks are closures inside it.
 */
const COLD_START_NAME = /background|headless|bootstrap|cold[-_]?start|startup|restore|rehydrate|hydrate|callbackDispatcher/i;

/**
 * The same answer for a function known only by its name (another language's
 * facts): undefined (module level) or `main` runs at cold start, and so does a
 * function whose name says it runs at start-up or in the background.
 */
export function isColdStartFunctionName(name: string | undefined): boolean {
  return name === undefined || name === 'main' || COLD_START_NAME.test(name);
}

/**
 * True when the code runs at module load (cold start), inside a background-task
 * callback, or in a function whose name says it runs at start-up or in the
 * background: such reads happen before first unlock, so they need
 * AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY.
 */
export function isBackgroundOrColdStart(node: ts.Node): boolean {
  let fn = enclosingFunction(node);
  if (!fn) return true;
  for (; fn; fn = enclosingFunction(fn)) {
    const name = functionName(fn);
    if (name && COLD_START_NAME.test(name)) return true;
    const parent = fn.parent;
    if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
      const callee = calleeName(parent);
      if (callee && BACKGROUND_REGISTRARS.has(callee)) return true;
    }
  }
  return false;
}
