// Placeholder until the 'report' command lands; it fails loudly rather than pretending.
export async function reportCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform report: not implemented yet');
  return 2;
}
