// Requests Node's HTTP parser refuses before the app sees them (server 'clientError'): answered
// from the same error catalogue as everything else, instead of Node's bare status line.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { brokerError, errorBody } from './errors.ts';
import { contentTypeOf } from './negotiate.ts';

/** Which template answers each parser failure; anything else is plain bad HTTP. */
const CLIENT_ERRORS: Record<string, 'headers-too-large' | 'request-timeout'> = {
  HPE_HEADER_OVERFLOW: 'headers-too-large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request-timeout',
};

/**
 * Node answers unparseable requests with a bare status line unless told otherwise; this keeps
 * them in the error catalogue like every other error. Headers are unknown at this point, so the
 * body is JSON, and the connection is closed because the stream cannot be trusted any more.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reply already under way (a timeout mid-response) cannot be replaced, only cut; Node
  // records it on the socket, which is the one place to read it from.
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  const name = CLIENT_ERRORS[error.code ?? ''] ?? 'bad-http';
  const reply = brokerError(name, { code: error.code ?? 'unknown' });
  const text = JSON.stringify(errorBody(reply));
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status]}\r\n` +
      'Connection: close\r\n' +
      `Content-Type: ${contentTypeOf('json')}\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
