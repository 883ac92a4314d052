// Where a CLI run writes and which environment it reads. The executable
// passes the process's own; the tests pass collectors, so that they run the
// very code the executable runs without starting a process each time.

/** The part of a stream the CLI uses. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read for NO_COLOR and FORCE_COLOR. */
  env: NodeJS.ProcessEnv;
  /** All of standard input as UTF-8 text, for --stdin. */
  readStdin?: () => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, readStdin: readProcessStdin });
