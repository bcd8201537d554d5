// Random (v4) uuids for offer sets and sessions, made cheaply: five of them are drawn per create.
import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks (as `randomUUID` does) and written as text into one buffer.
const UUID_BYTES = new Uint8Array(16 * 256);
let uuidOffset = UUID_BYTES.length;
const UUID_TEXT = Buffer.alloc(36);
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A random (v4) uuid as one flat string. `randomUUID` builds its answer from a dozen small
 * pieces that stay linked in memory (about 490 bytes per uuid, kept as long as the offer);
 * text decoded from bytes in one go is a single 60-byte string, which matters at five uuids
 * per create, and writing the bytes here skips building the linked pieces at all.
 */
export function flatUuid(): string {
  if (uuidOffset === UUID_BYTES.length) {
    randomFillSync(UUID_BYTES);
    uuidOffset = 0;
  }
  let at = 0;
  for (let i = 0; i < 16; i++) {
    let byte = UUID_BYTES[uuidOffset + i]!;
    if (i === 6)
      byte = (byte & 0x0f) | 0x40; // version 4
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    if (i === 4 || i === 6 || i === 8 || i === 10) UUID_TEXT[at++] = 0x2d;
    UUID_TEXT[at++] = HEX[byte >> 4]!;
    UUID_TEXT[at++] = HEX[byte & 0x0f]!;
  }
  uuidOffset += 16;
  return UUID_TEXT.toString('latin1', 0, 36);
}
