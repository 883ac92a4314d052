import type { ts } from './ts.js';
import { tick } from './budget.js';
import type { FunctionNode } from './ast.js';
import type { ForwardedStorageCall } from './api-call.js';
import { resolveConstructor } from './callees.js';
import type { FileModel } from './model.js';
import { storageSummary } from './storage-summaries.js';
import { syntaxIndex } from './syntax-index.js';

// `new ApiClient(url)` runs ApiClient's constructor where it stands: the
// storage calls the constructor makes (directly or through app functions) are
// made at that `new`, as a wrapper's are made where the wrapper is called.

export interface ConstructionStorageCall {
  node: ts.NewExpression;
  /** `new ApiClient() → SecureStore.getItem`, for messages. */
  path: string;
  /** The constructor, then the app functions it reaches the call through. */
  functions: FunctionNode[];
  forwarded: ForwardedStorageCall;
}

/** The storage calls each `new` of an app class in the file reaches through its constructor. */
export function findConstructionCalls(file: FileModel): ConstructionStorageCall[] {
  const result: ConstructionStorageCall[] = [];
  for (const node of syntaxIndex(file.sf).constructions) {
    tick();
    const constructor = resolveConstructor(node, file);
    if (!constructor) continue;
    for (const forwarded of storageSummary(constructor.fn, constructor.file)) {
      result.push({
        node,
        path: `${[constructor.name, ...forwarded.via].join('() → ')}() → ${forwarded.call.apiName}`,
        functions: [constructor.fn, ...forwarded.viaFunctions],
        forwarded,
      });
    }
  }
  return result;
}
