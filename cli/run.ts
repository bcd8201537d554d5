// Placeholder until the 'run' command lands; it fails loudly rather than pretending.
export async function runCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform run: not implemented yet');
  return 2;
}
