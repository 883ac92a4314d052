// One TypeScript for the whole core. The CLI parses through ts-morph, so the
// rules must see nodes from ts-morph's bundled compiler: mixing two copies of
// `typescript` would mix two SyntaxKind tables.
import { ts } from 'ts-morph';

export { ts };
