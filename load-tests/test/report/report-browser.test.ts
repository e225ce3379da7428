// Opens rendered report.html files in headless Chromium: charts drawn on canvas with event markers, no request
// leaves the page, no console error, verdict and tables readable with JavaScript off; saves a screenshot.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChartModel } from '../../src/report/chart-model.ts';
import { variantFigures } from '../../src/report/figures.ts';
import { renderFixture } from './render-fixture.ts';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run',
];
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

type PanelState = { id: string; canvases: number; inked: number; markers: number; markerInk: number[] };

/** Per chart panel: canvases, non-blank pixels, and at each marker's x the pixels in the marker's colour. */
async function panelStates(page: Page, colors: Record<string, string[]>): Promise<PanelState[]> {
  return page.evaluate(
    (markerColors) => Array.from(document.querySelectorAll<HTMLElement>('[data-panel]')).map((el) => {
      const canvas = el.querySelector('canvas');
      const id = el.dataset.panel ?? '';
      if (!canvas) return { id, canvases: 0, inked: 0, markers: 0, markerInk: [] };
      const ctx = canvas.getContext('2d');
      const img = ctx!.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < img.data.length; i += 4) {
        if (img.data[i + 3]! > 0 && (img.data[i]! < 200 || img.data[i + 1]! < 200)) inked++;
      }
      const xs: number[] = (el.dataset.markerX ?? '').split(',').filter(Boolean).map(Number);
      const hex = markerColors[id] ?? [];
      // Markers at the same instant (both variants killed at 10 s) share a column: any of their colours counts.
      const markerInk = xs.map((x) => {
        const rgbs = hex.filter((_, m) => xs[m] === x)
          .map((c) => [1, 3, 5].map((o) => parseInt(c.slice(o, o + 2), 16)));
        let n = 0;
        for (let y = 0; y < canvas.height; y++) {
          const p = (y * canvas.width + x) * 4;
          if (rgbs.some(([r, g, b]) => Math.abs(img.data[p]! - r!) < 40 && Math.abs(img.data[p + 1]! - g!) < 40
            && Math.abs(img.data[p + 2]! - b!) < 40)) n++;
        }
        return n;
      });
      return {
        id, canvases: el.querySelectorAll('canvas').length, inked, markers: Number(el.dataset.markers ?? 0), markerInk,
      };
    }),
    colors,
  );
}

describe.each(['kill-node', 'scale-out', 'race', 'not-measured'])('report.html [%s] in Chromium', (fixture) => {
  it('draws every chart with its event markers, requests nothing but itself, logs no error, ' +
    'and saves a screenshot', async () => {
    const r = await renderFixture(fixture, 'browser');
    const model = buildChartModel(r.results);
    const panels = model.rows.flatMap((row) => row.panels);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text()); });
    page.on('pageerror', (err) => problems.push(err.message));
    try {
      const url = pathToFileURL(r.html).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector(`html[data-charts-drawn="${panels.length}"]`);
      const states = await panelStates(
        page, Object.fromEntries(panels.map((p) => [p.id, p.markers.map((m) => m.color)])),
      );
      expect(states.map((s) => s.id)).toEqual(panels.map((p) => p.id));
      for (const [i, s] of states.entries()) {
        expect(s.canvases, s.id).toBe(1);
        expect(s.inked, `${s.id} has drawn pixels`).toBeGreaterThan(2000);
        expect(s.markers, `${s.id} markers`).toBe(panels[i]!.markers.length);
        for (const ink of s.markerInk) expect(ink, `${s.id} marker line visible`).toBeGreaterThan(40);
      }
      if (fixture === 'kill-node') expect(states.every((s) => s.markers > 0)).toBe(true);
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      await page.screenshot({ path: path.join(r.dir, 'screenshot.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe('report.html with JavaScript off', () => {
  it('still shows the verdict, the key figures and the tables', async () => {
    const r = await renderFixture('kill-node', 'browser-nojs');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(r.html).href);
      const text = await page.locator('main').innerText();
      for (const v of r.results.variants) expect(text).toContain(variantFigures(v).verdict);
      for (const id of ['totals', 'integrity', 'nodes', 'events', 'run']) {
        expect(await page.locator(`#table-${id}`).isVisible()).toBe(true);
      }
      expect(await page.locator('.chart svg').count())
        .toBe(buildChartModel(r.results).rows.flatMap((row) => row.panels).length);
      expect(await page.locator('canvas').count()).toBe(0);
      await page.screenshot({ path: path.join(r.dir, 'screenshot-no-js.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
