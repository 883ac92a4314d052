// One TypeScript for the whole core (and so for both front-ends): mixing two
// copies of `typescript` would mix two SyntaxKind tables.
import ts from './typescript.cjs';

export { ts };
