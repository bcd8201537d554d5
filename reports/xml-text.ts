// Escaping for XML and HTML output. Broker responses end up in both, so anything a hostile
// broker sends must come out as inert text, and characters XML 1.0 forbids are dropped
// (a single stray control character makes a whole junit.xml unreadable).

// Everything outside XML 1.0's Char production: C0 controls except tab/LF/CR, lone
// surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/** Element content (also right for HTML text). */
export function escapeText(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Attribute values in double quotes; newlines kept as character references. */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}
