// How the options rules word what a session listed.

export function describeOptions(options: Record<string, string[]> | undefined): string {
  if (options === undefined) return 'no options (meta.options is absent)';
  const entries = Object.entries(options);
  if (entries.length === 0) return 'no options';
  return entries.map(([path, values]) => `${path}: ${values.join(', ') || '(any)'}`).join('; ');
}
