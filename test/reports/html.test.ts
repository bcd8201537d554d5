import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { fixture, hostileRun } from './fixtures.ts';
import { decodePng } from './png.ts';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('report.html as text', () => {
  it('is self-contained: no script, stylesheet, image or font fetched from anywhere', () => {
    const html = renderHtml(fixture('failing-run'));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('puts the verdict first, then classes, requirements, failures and the pictures', () => {
    const html = renderHtml(fixture('failing-run'));
    const order = [
      'id="verdict"',
      'id="classes"',
      'id="matrix"',
      'id="failures"',
      'id="timeline"',
      'id="capacity"',
    ].map((marker) => html.indexOf(marker));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows each failure with its request, response and replay command', () => {
    const html = renderHtml(fixture('failing-run'), { reportPath: 'r/report.json' });
    const article = html.slice(html.indexOf('id="req-req-robustness-no-5xx-detail"'));
    expect(article).toContain('POST http://127.0.0.1:40123/requests');
    expect(article).toContain('HTTP 500');
    expect(article).toContain(
      '&lt;html&gt;&lt;script&gt;alert("x")&lt;/script&gt;Internal error &amp; stack&lt;/html&gt;',
    );
    expect(article).toContain('eb-conform replay r/report.json /req/robustness/no-5xx');
  });

  it('escapes everything the broker sent', () => {
    const html = renderHtml(hostileRun());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('"><img');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(html).not.toMatch(/[\u0000-\u0008]/);
  });

  it('draws the timeline and the capacity chart, or says why not', () => {
    const html = renderHtml(fixture('failing-run'));
    expect(html).toMatch(/<svg[^>]*id="timeline-chart"/);
    expect(html).toMatch(/<svg[^>]*id="capacity-chart"/);
    expect(html).toContain('requested start window');
    const bare = { ...fixture('passing-run'), timeline: [] };
    delete (bare as { capacity?: unknown }).capacity;
    const plain = renderHtml(bare);
    expect(plain).not.toContain('id="timeline-chart"');
    expect(plain).toContain('No offers or sessions were recorded');
    expect(plain).toContain('Capacity use is unknown');
  });
});

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
];

// Measures the rendered page from inside it; only the test's copy gets this script.
const PROBE = `<script>
addEventListener('load', () => {
  const visibleRows = () => [...document.querySelectorAll('#matrix tbody tr')].filter((tr) => tr.getClientRects().length > 0).length;
  const box = (sel) => { const el = document.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
  const probe = document.createElement('pre');
  probe.id = 'probe';
  probe.textContent = JSON.stringify({
    verdict: document.querySelector('#verdict')?.textContent,
    verdictBox: box('#verdict'),
    timeline: box('#timeline-chart'),
    capacity: box('#capacity-chart'),
    bars: document.querySelectorAll('#timeline-chart rect.slot').length,
    overflow: document.documentElement.scrollWidth > innerWidth + 1,
    fonts: [...document.fonts].filter((f) => f.status === 'error').length,
    rowsShown: visibleRows(),
    rowsShownWhenFiltered: (document.querySelector('#hide-passing').checked = true, visibleRows()),
  });
  document.body.append(probe);
});
</script>`;

describe.skipIf(!existsSync(CHROMIUM))(
  `report.html in headless Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    async function chromium(args: string[]): Promise<string> {
      const profile = await mkdtemp(join(tmpdir(), 'eb-chromium-'));
      dirs.push(profile);
      const { stdout } = await run(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], {
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024,
      });
      return stdout;
    }

    it('lays out the verdict at the top and both charts with real size, without overflowing', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'eb-html-'));
      dirs.push(dir);
      const file = join(dir, 'probe.html');
      await writeFile(
        file,
        renderHtml(fixture('failing-run')).replace('</body>', `${PROBE}</body>`),
      );
      const dom = await chromium(['--window-size=1200,900', '--dump-dom', `file://${file}`]);
      const json =
        /<pre id="probe">(.*?)<\/pre>/s.exec(dom)?.[1]?.replaceAll('&quot;', '"') ?? '{}';
      const probe = JSON.parse(json) as Record<string, unknown> & {
        verdictBox: { y: number; h: number };
        timeline: { w: number; h: number };
        capacity: { w: number; h: number };
      };
      expect(probe.verdict).toBe('NOT CONFORMANT');
      expect(probe.verdictBox.y).toBeLessThan(60);
      expect(probe.timeline.w).toBeGreaterThan(500);
      expect(probe.timeline.h).toBeGreaterThan(100);
      expect(probe.capacity.w).toBeGreaterThan(500);
      expect(probe.bars).toBe(5);
      expect(probe.overflow).toBe(false);
      expect(probe.fonts).toBe(0);
      expect(probe.rowsShown).toBe(61);
      expect(probe.rowsShownWhenFiltered).toBe(7);
    });

    it.each([
      ['failing-run', 'red', (r: number, g: number) => r > 150 && g < 80],
      ['passing-run', 'green', (r: number, g: number) => g > 100 && r < 60],
    ] as const)(
      'a screenshot of the %s shows a %s verdict banner',
      async (name, _colour, looksRight) => {
        const dir = await mkdtemp(join(tmpdir(), 'eb-html-'));
        dirs.push(dir);
        const file = join(dir, 'report.html');
        const shot = join(dir, 'shot.png');
        await writeFile(file, renderHtml(fixture(name)));
        await chromium(['--window-size=1000,700', `--screenshot=${shot}`, `file://${file}`]);
        const image = decodePng(await readFile(shot));
        expect(image.width).toBe(1000);
        const [r, g] = image.pixel(8, 8);
        expect(looksRight(r, g)).toBe(true);
      },
    );
  },
);
