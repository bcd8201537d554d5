// Placeholder until the 'mock' command lands; it fails loudly rather than pretending.
export async function mockCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform mock: not implemented yet');
  return 2;
}
