// Placeholder until the 'spec' command lands; it fails loudly rather than pretending.
export async function specCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform spec: not implemented yet');
  return 2;
}
