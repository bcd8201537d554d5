// Placeholder until the 'check' command lands; it fails loudly rather than pretending.
export async function checkCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform check: not implemented yet');
  return 2;
}
