// Placeholder until the 'replay' command lands; it fails loudly rather than pretending.
export async function replayCommand(_argv: string[]): Promise<number> {
  console.error('eb-conform replay: not implemented yet');
  return 2;
}
