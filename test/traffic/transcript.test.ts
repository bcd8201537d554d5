import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  curlRequest,
  looksLikeTranscript,
  shellWords,
  transcriptExchanges,
} from '../../suites/traffic/transcript.ts';

const curlI = `$ curl -si -X POST localhost:8080/requests -H 'Content-Type: application/yaml' -H 'Accept: application/json' --data-binary @request.yaml
HTTP/1.1 303 See Other
location: http://127.0.0.1:8080/offersets/abc
content-length: 0
Date: Sun, 29 Nov 2026 18:27:06 GMT

$ curl -si http://127.0.0.1:8080/offersets/abc
HTTP/1.1 200 OK
content-type: application/json
Date: Sun, 29 Nov 2026 18:27:07 GMT

{"meta":{"uuid":"abc"},"result":"YES","offers":[]}
`;

describe('transcripts', () => {
  it('pair each curl command with the answer under it, timed by its Date header', () => {
    const items = transcriptExchanges(curlI, 'talk.txt', 't:');
    expect(
      items.map((item) => [
        item.exchange.request.method,
        item.exchange.request.url,
        item.exchange.response?.status,
      ]),
    ).toEqual([
      ['POST', 'http://localhost:8080/requests', 303],
      ['GET', 'http://127.0.0.1:8080/offersets/abc', 200],
    ]);
    expect(items[0]?.exchange.request.headers).toEqual({
      'content-type': 'application/yaml',
      accept: 'application/json',
    });
    expect(items[0]?.requestHeaders).toBe(false);
    expect(items[1]?.exchange.response?.body).toBe(
      '{"meta":{"uuid":"abc"},"result":"YES","offers":[]}',
    );
    expect(items[0]?.seen?.from).toBe(Date.parse('Sun, 29 Nov 2026 18:27:06 GMT'));
    expect(items[0]?.timeSource).toBe('date-header');
    expect(new Set(items.map((item) => item.process))).toEqual(new Set(['t:']));
  });

  it('read raw HTTP messages, cutting a body by its Content-Length', () => {
    const raw =
      'POST /requests HTTP/1.1\r\nHost: broker:8080\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>\n<body>x</body>\n</html>\n';
    const [item] = transcriptExchanges(raw, 'raw.http', 'r:');
    expect(item?.exchange.request).toMatchObject({
      method: 'POST',
      url: 'http://broker:8080/requests',
      body: '{}',
    });
    expect(item?.requestHeaders).toBe(true);
    expect(item?.exchange.response?.body).toBe('<html>\n<body>x</body>\n</html>');
    expect(item?.timeSource).toBe('none');
  });

  it('read curl -v traces and follow a redirect curl -L took', () => {
    const verbose =
      '* Trying 127.0.0.1:8080...\n> GET /sessions/x HTTP/1.1\n> Host: localhost:8080\n> Accept: */*\n>\n< HTTP/1.1 404 Not Found\n< content-type: application/json\n<\n{"error":{"code":"unknown-session","message":"no"}}\n* Connection left intact\n';
    const [item] = transcriptExchanges(verbose, 'v.txt', 'v:');
    expect(item?.exchange.request.url).toBe('http://localhost:8080/sessions/x');
    expect(item?.exchange.response?.body).toBe(
      '{"error":{"code":"unknown-session","message":"no"}}',
    );
    const followed =
      'HTTP/1.1 303 See Other\nLocation: /offersets/9\n\nHTTP/1.1 200 OK\ncontent-type: application/json\n\n{}\n';
    const both = transcriptExchanges(
      `$ curl -siL -X POST http://b.test/requests -d '{}'\n${followed}`,
      'l.txt',
      'l:',
    );
    expect(both.map((i) => `${i.exchange.request.method} ${i.exchange.request.url}`)).toEqual([
      'POST http://b.test/requests',
      'GET http://b.test/offersets/9',
    ]);
    expect(both[0]?.exchange.request.body).toBe('{}');
  });

  it('mark answers whose request was not captured', () => {
    const [item] = transcriptExchanges(
      'HTTP/1.1 200 OK\n\n{"phase":"OFFERED","meta":{}}\n',
      'a.txt',
      'a:',
    );
    expect(item?.exchange.request.method).toBe('(not captured)');
  });

  it('split command lines as a shell would', () => {
    expect(shellWords(`curl -H 'A: b c' "x\\"y" z\\ w`)).toEqual([
      'curl',
      '-H',
      'A: b c',
      'x"y',
      'z w',
    ]);
    expect(curlRequest('curl -sX DELETE https://h/x')).toMatchObject({
      method: 'DELETE',
      url: 'https://h/x',
    });
    expect(curlRequest('curl -s')).toBeUndefined();
  });

  it('are told from other text by their first line', () => {
    expect(looksLikeTranscript(curlI)).toBe(true);
    expect(looksLikeTranscript('\n\nHTTP/2 200\n')).toBe(true);
    expect(looksLikeTranscript('kind: x\nmeta: {}\n')).toBe(false);
  });

  it('never throw, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              'HTTP/1.1 200 OK',
              '> GET / HTTP/1.1',
              '< HTTP/1.1 500 x',
              '$ curl x',
              'content-length: 99',
              '',
              '<',
              '*',
            ),
          ),
          { maxLength: 30 },
        ),
        (lines) => {
          for (const item of transcriptExchanges(lines.join('\n'), 'f', 'p:')) {
            expect(item.exchange.response?.status).toBeGreaterThanOrEqual(100);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
