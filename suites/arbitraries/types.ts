// The shape every request-part generator produces: plain JSON data, so a generated part can be
// sent as JSON or YAML and printed as a counterexample unchanged.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `valid`: only requests a conformant broker can say YES to. `edge`: anything, valid or not. */
export type Shape = 'valid' | 'edge';
