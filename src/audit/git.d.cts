export declare function runGit(args: string[], cwd: string): import('node:child_process').SpawnSyncReturns<string>;
