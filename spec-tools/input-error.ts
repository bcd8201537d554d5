// A problem with what the user asked for (a missing file, a folder where files were expected):
// the CLI prints the message and exits 2 instead of showing a stack trace.
export class InputError extends Error {
  override name = 'InputError';
}
