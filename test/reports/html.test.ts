import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { CHROMIUM, NO_CHROMIUM, chromium, probePage, screenshot } from './chromium.ts';
import { fixture, hostileRun } from './fixtures.ts';
import type { RunResult } from '../../contract/result.ts';
import { decodePng } from './png.ts';

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

describe.skipIf(CHROMIUM === undefined)(
  `report.html in headless Chromium${CHROMIUM === undefined ? ` (${NO_CHROMIUM})` : ''}`,
  () => {
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
      ['failing-run', 'red', (r: number, g: number, b: number) => r > 150 && g < 80 && b < 80],
      ['passing-run', 'green', (r: number, g: number) => g > 100 && r < 60],
      ['incomplete-run', 'blue', (r: number, g: number, b: number) => b > 120 && r < 40 && g < 140],
    ] as const)(
      'a screenshot of the %s shows a %s verdict banner',
      async (name, _colour, looksRight) => {
        const dir = await mkdtemp(join(tmpdir(), 'eb-html-'));
        dirs.push(dir);
        const file = join(dir, 'report.html');
        const shot = join(dir, 'shot.png');
        const run =
          name === 'incomplete-run'
            ? { ...fixture('passing-run'), outcome: 'incomplete' as const, exitCode: 4 as const }
            : fixture(name);
        await writeFile(file, renderHtml(run));
        await screenshot(file, shot, 1000, 700);
        const image = decodePng(await readFile(shot));
        expect(image.width).toBe(1000);
        const [r, g, b] = image.pixel(8, 8);
        expect(looksRight(r, g, b), `banner colour ${r},${g},${b}`).toBe(true);
      },
    );

    it('draws charts a person can read: no overlapping or clipped labels, visible slots', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'eb-html-'));
      dirs.push(dir);
      const layout = await probePage<ChartLayout>(renderHtml(spreadRun()), CHART_PROBE, dir);
      for (const [chart, found] of Object.entries(layout.charts)) {
        expect(found.labels.length, chart).toBeGreaterThan(1);
        expect(new Set(found.labels).size, `${chart}: distinct labels`).toBe(found.labels.length);
        expect(found.overlaps, `${chart}: overlapping labels`).toEqual([]);
        expect(found.clipped, `${chart}: labels outside the picture`).toEqual([]);
      }
      expect(layout.platformTotalTop).toBeGreaterThanOrEqual(0);
      expect(layout.narrowestSlot).toBeGreaterThan(8);
    });
  },
);

interface ChartLayout {
  charts: Record<string, { labels: string[]; overlaps: string[]; clipped: string[] }>;
  platformTotalTop: number;
  narrowestSlot: number;
}

// Every text of every chart, measured by the browser that drew it.
const CHART_PROBE = `
  const charts = {};
  for (const svg of document.querySelectorAll('svg.chart')) {
    const frame = svg.getBoundingClientRect();
    const ticks = [...svg.querySelectorAll('text.tick')].filter((t) => !t.textContent.endsWith('%'));
    const boxes = ticks.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const overlaps = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
      const apart = a.r.right <= b.r.left || b.r.right <= a.r.left || a.r.bottom <= b.r.top || b.r.bottom <= a.r.top;
      if (!apart) overlaps.push(a.text + ' / ' + b.text);
    }));
    const clipped = [...svg.querySelectorAll('text')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.top < frame.top - 0.5 || r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.bottom > frame.bottom + 0.5;
    }).map((t) => t.textContent);
    // The top and bottom rows repeat the same labels; count each position once.
    const bottom = Math.max(...boxes.map((b) => b.r.top));
    charts[svg.id] = { labels: boxes.filter((b) => b.r.top === bottom).map((b) => b.text), overlaps, clipped };
  }
  const total = document.querySelector('#capacity-chart .limit-label');
  const frame = document.querySelector('#capacity-chart').getBoundingClientRect();
  const slots = [...document.querySelectorAll('#timeline-chart rect.slot')].map((r) => r.getBoundingClientRect().width);
  return { charts, platformTotalTop: total.getBoundingClientRect().top - frame.top, narrowestSlot: Math.min(...slots) };
`;

/** A run whose sessions are booked in clumps days apart, and whose capacity moved in milliseconds. */
function spreadRun(): RunResult {
  const run = fixture('passing-run');
  const at = (day: number, hour: number, minute: number): string =>
    new Date(Date.UTC(2026, 10, 29 + day, hour, minute)).toISOString();
  run.timeline = [0, 0, 0, 1, 6, 7, 9].map((day, i) => ({
    sessionUuid: `00000000-0000-4000-8000-00000000000${i}`,
    requestedWindows: [{ start: at(day, 18, 30 + i), end: at(day, 19, 30 + i) }],
    slot: { start: at(day, 18, 35 + i), end: at(day, 18, 45 + i) },
    phases: [
      { phase: 'OFFERED', at: `2026-11-29T18:25:5${i}Z` },
      { phase: 'REJECTED', at: `2026-11-29T18:26:0${i}Z` },
    ],
  }));
  run.capacity = {
    totals: { cores: 64, memory: 256, storage: 2048 },
    samples: [390, 392, 393, 407, 413].map((ms, i) => ({
      at: `2026-11-29T18:25:53.${ms}Z`,
      cores: 22 * (i > 1 ? 2 : 1),
      memory: 1,
      storage: 0,
    })),
  };
  return run;
}
