// The demo as a person uses it, in headless Chromium: add an item in each column's own shop, kill the node that
// stored it from the dashboard, reload the shop: the stateful cart is gone (and the dashboard counts lost carts),
// the stateless cart survives. No request leaves the dashboard's and the shops' origins. Screenshots are saved
// under test/screenshots/ to be looked at.
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/index.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

let demo: Demo;
let browser: Browser;
let page: Page;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: 0, statefulPort: 0, statelessPort: 0, nodes: 2, traffic: true, rate: 3 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(demo.dashboardUrl);
  await page.locator('#conn.live').waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
}, 30_000);

async function addItem(shop: FrameLocator): Promise<string> {
  await shop.locator('button[data-action="add"]').first().click();
  const status = shop.locator('#status', { hasText: 'stored by' });
  await status.waitFor();
  const node = /stored by (\S+)/.exec(await status.innerText())?.[1];
  if (!node) throw new Error('no "stored by <node>" in the shop status');
  return node;
}

/** The lost-carts counter can only rise if background shoppers hold carts on the node before it dies: wait until
 *  its card counts at least one cart besides mine (the demo's traffic ramps up over its first seconds). */
async function waitForBackgroundCarts(column: string, node: string): Promise<void> {
  const carts = page.locator(`#column-${column} .card[data-id="${node}"] [data-k="carts"]`);
  await page.waitForFunction((el) => Number(el?.textContent) >= 2, await carts.elementHandle(), { timeout: 30_000 });
}

async function killFromDashboard(column: string, node: string): Promise<void> {
  const card = page.locator(`#column-${column} .card[data-id="${node}"]`);
  await card.locator('[data-node-action="kill"]').click();
  await page.locator(`#column-${column} .card.down[data-id="${node}"]`).waitFor();
}

/** Reloads a column's shop frame and waits for the NEW document: the old one is marked first, or a fast read
 *  could see the page from before the reload (served by the node just killed). */
async function reloadShop(column: string): Promise<FrameLocator> {
  const shop = page.frameLocator(`#column-${column} iframe`);
  await shop.locator('body').evaluate((body) => { body.dataset.stale = 'yes'; });
  await page.locator(`#column-${column} [data-reload]`).click();
  await shop.locator('body:not([data-stale]) #served-by').waitFor();
  return shop;
}

const shopOf = (column: string): FrameLocator => page.frameLocator(`#column-${column} iframe`);

describe('dashboard in Chromium [2+2 nodes]', () => {
  it('shows both columns, their node cards up and live charts', async () => {
    await page.locator('#column-stateful .card.up').nth(1).waitFor();
    await page.locator('#column-stateless .card.up').nth(1).waitFor();
    await shopOf('stateful').locator('#variant', { hasText: 'stateful' }).waitFor();
    await shopOf('stateless').locator('#variant', { hasText: 'stateless' }).waitFor();
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('#column-stateful canvas[data-chart="rps"]');
      const img = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      if (img) for (let i = 0; i < img.length; i += 4) if ((img[i + 3] ?? 0) > 0) inked++;
      return inked > 500;
    });
    await page.screenshot({ path: `${SHOTS}01-dashboard.png`, fullPage: true });
  });

  it('stateful › kill the node that holds my cart: the cart is empty after a reload, the dashboard counts lost carts', async () => {
    const shop = shopOf('stateful');
    const node = await addItem(shop);
    expect(await shop.locator('#cart-count').innerText()).toBe('1');
    await page.screenshot({ path: `${SHOTS}02-stateful-added.png` });
    await waitForBackgroundCarts('stateful', node);
    await killFromDashboard('stateful', node);
    const after = await reloadShop('stateful');
    expect(await after.locator('#served-by').innerText()).not.toBe(node);
    expect(await after.locator('#cart-count').innerText()).toBe('0');
    await page.locator('#column-stateful .lost.bad').waitFor();
    expect(Number(await page.locator('#column-stateful [data-f="lost"]').innerText())).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}03-stateful-killed.png`, fullPage: true });
  }, 90_000);

  it('stateless › kill the node that stored my cart: the cart survives a reload, no cart lost', async () => {
    const shop = shopOf('stateless');
    const node = await addItem(shop);
    expect(await shop.locator('#cart-count').innerText()).toBe('1');
    await killFromDashboard('stateless', node);
    const after = await reloadShop('stateless');
    expect(await after.locator('#cart-count').innerText()).toBe('1');
    expect(await page.locator('#column-stateless [data-f="lost"]').innerText()).toBe('0');
    await page.screenshot({ path: `${SHOTS}04-stateless-killed.png`, fullPage: true });
  });

  it('made no request outside the dashboard and the two shops, and logged no error', () => {
    const origins = new Set(requested.map((u) => new URL(u).origin));
    const allowed = [demo.dashboardUrl, demo.statefulUrl, demo.statelessUrl].map((u) => new URL(u).origin);
    expect([...origins].filter((o) => !allowed.includes(o))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
