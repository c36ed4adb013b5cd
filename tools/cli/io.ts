/** Where a CLI command writes and what environment it reads; injected so tests can capture both. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `login --token-stdin`. @default process.stdin */
  stdin?: AsyncIterable<unknown>;
}
