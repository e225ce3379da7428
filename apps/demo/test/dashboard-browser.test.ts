// The demo as a room sees it, in headless Chromium at projector sizes (1280×720 and 1440×900), with the
// background shoppers off (`--no-traffic`): the layout is asserted from bounding boxes (columns side by side;
// each column's Kill buttons, verdict, your-cart line, shop products and cart count inside the first screen;
// no text under 16 px; toasts over no control), then the presenter's own cart is added, its node killed from
// the dashboard and the loss counted (stateful) or not (stateless). Screenshots go to test/screenshots/ (git-
// ignored) to be looked at. No request leaves the dashboard's origin.
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/index.ts';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run',
];
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const SIZES = [{ width: 1280, height: 720 }, { width: 1440, height: 900 }] as const;
const COLUMNS = ['stateful', 'stateless'] as const;

let demo: Demo;
let browser: Browser;
const pages = new Map<number, Page>();
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ port: 0, statefulPort: 0, statelessPort: 0, nodes: 3, traffic: false });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: size });
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(demo.dashboardUrl);
    await page.locator('#conn.live').waitFor();
    for (const c of COLUMNS) await page.locator(`#column-${c} .product`).first().waitFor();
    pages.set(size.width, page);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
}, 30_000);

const pageAt = (width: number): Page => pages.get(width) as Page;

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${String(locator)} has no box`);
  return b;
}

/** Inside the first screen: at scroll 0, wholly within the viewport. */
async function expectOnFirstScreen(page: Page, locator: Locator, label: string): Promise<void> {
  const view = page.viewportSize() as { width: number; height: number };
  const b = await box(locator);
  expect(
    b.x >= 0 && b.y >= 0 && b.x + b.width <= view.width && b.y + b.height <= view.height,
    `${label} at ${JSON.stringify(b)}`,
  ).toBe(true);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.each(SIZES)('dashboard layout at $width×$height [3+3 nodes, --no-traffic]', ({ width }) => {
  it('both columns side by side, from the top of the page', async () => {
    const page = pageAt(width);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const left = await box(page.locator('#column-stateful'));
    const right = await box(page.locator('#column-stateless'));
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
    expect(Math.abs(left.y - right.y)).toBeLessThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });

  it.each(COLUMNS)('%s › every Kill button, the verdict, your cart, the shop\'s products and cart count are on '
    + 'the first screen', async (c) => {
    const page = pageAt(width);
    const col = page.locator(`#column-${c}`);
    const kills = col.locator('[data-node-action="kill"]');
    expect(await kills.count()).toBe(3);
    for (let i = 0; i < 3; i++) await expectOnFirstScreen(page, kills.nth(i), `Kill ${i + 1}`);
    for (const action of ['freeze', 'drain']) {
      await expectOnFirstScreen(page, col.locator(`[data-node-action="${action}"]`).last(), action);
    }
    await expectOnFirstScreen(page, col.locator('[data-f="lost-box"]'), 'verdict');
    await expectOnFirstScreen(page, col.locator('[data-f="your-cart"]'), 'your cart');
    await expectOnFirstScreen(page, col.locator('[data-f="cart-count"]'), 'cart count');
    await expectOnFirstScreen(page, col.locator('.product').last(), 'last product shown');
    await expectOnFirstScreen(page, col.locator('[data-f="actions"]'), 'column buttons (three rows kept)');
    // Room for one more row of buttons (a variant's, e.g. Kill primary / Freeze primary) on the same screen.
    const shop = await box(col.locator('.shop'));
    expect(shop.y + shop.height + 44, 'one more 44 px row still fits above the fold')
      .toBeLessThanOrEqual((page.viewportSize()?.height ?? 0));
    const title = await box(col.locator('.col-title'));
    expect(title.height, 'the column head does not wrap').toBeLessThan(40);
  });

  it('no element with text is under 16 px', async () => {
    const small = await pageAt(width).evaluate(() => Array.from(document.querySelectorAll('body *')).filter((el) => {
      const hasText = Array.from(el.childNodes)
        .some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      return hasText && el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 16;
    }).map((el) => `${el.tagName}.${el.className}: ${getComputedStyle(el).fontSize} `
      + `"${(el.textContent ?? '').trim().slice(0, 30)}"`));
    expect(small).toEqual([]);
  });

  it('the first screen, saved', async () => {
    await pageAt(width).screenshot({ path: `${SHOTS}${width}-01-start.png` });
  });
});

describe('the presenter\'s own cart [1280×720, --no-traffic]', () => {
  async function addOne(page: Page, c: string): Promise<string> {
    const col = page.locator(`#column-${c}`);
    await col.locator('.product').nth(1).click();
    await col.locator('[data-f="stored"]', { hasText: 'stored by' }).waitFor();
    const node = /stored by (\S+)/.exec(await col.locator('[data-f="stored"]').innerText())?.[1];
    if (!node) throw new Error('no "stored by <node>"');
    return node;
  }

  it('stateful › add, Kill the node that stored it: "your cart: lost with <node>", 1 cart lost, '
    + 'the card says what died with it', async () => {
    const page = pageAt(1280);
    const col = page.locator('#column-stateful');
    const node = await addOne(page, 'stateful');
    await col.locator('[data-f="your-cart"]', { hasText: 'your cart: 1 item, intact' }).waitFor();
    expect(await col.locator('[data-f="cart-count"]').innerText()).toBe('Cart (1)');
    const card = col.locator(`.card[data-id="${node}"]`);
    // The card reads the node's carts once a second: wait for it to count mine before the kill.
    await card.locator('[data-k="carts"]', { hasText: '1' }).waitFor();
    await page.screenshot({ path: `${SHOTS}1280-02-stateful-added.png` });
    await card.locator('[data-node-action="kill"]').click();
    await col.locator('[data-f="your-cart"]', { hasText: `your cart: lost with ${node}` }).waitFor({ timeout: 15_000 });
    expect(await col.locator('[data-f="lost"]').innerText()).toBe('1');
    expect(await col.locator('[data-f="lost-label"]').innerText()).toBe('cart lost');
    expect(await card.locator('[data-k="were"]').innerText()).toBe('1 cart was here');
    expect(await col.locator('[data-f="cart-count"]').innerText()).toBe('Cart (0)');
    const toast = await box(page.locator('#toast'));
    for (const control of await page.locator('button, input, select').all()) {
      const b = await control.boundingBox();
      if (b) expect(overlaps(toast, b), 'the toast covers a control').toBe(false);
    }
    await page.screenshot({ path: `${SHOTS}1280-03-stateful-killed.png` });
  }, 60_000);

  it('stateless › add, Kill the node that stored it: "your cart: 1 item, intact", nothing lost', async () => {
    const page = pageAt(1280);
    const col = page.locator('#column-stateless');
    const node = await addOne(page, 'stateless');
    await col.locator('[data-f="your-cart"]', { hasText: 'your cart: 1 item, intact' }).waitFor();
    await col.locator(`.card[data-id="${node}"] [data-node-action="kill"]`).click();
    await col.locator(`.card.down[data-id="${node}"]`).waitFor();
    // The next read-back comes from another node: the checker still finds the item.
    const before = await page.evaluate(
      () => (window as unknown as { dashboard: { state(): { t: number } } }).dashboard.state().t,
    );
    await page.waitForFunction(
      (t) => (window as unknown as { dashboard: { state(): { t: number } } }).dashboard.state().t > t + 1500, before,
    );
    expect(await col.locator('[data-f="your-cart"]').innerText()).toBe('your cart: 1 item, intact');
    expect(await col.locator('[data-f="lost"]').innerText()).toBe('0');
    await page.screenshot({ path: `${SHOTS}1280-04-stateless-killed.png` });
  }, 60_000);

  it('the chart names each line under the pointer (overlapping lines: dash patterns and a tooltip)', async () => {
    const page = pageAt(1280);
    const canvas = page.locator('#column-stateless canvas[data-chart="rps"]');
    await canvas.scrollIntoViewIfNeeded();
    const b = await box(canvas);
    await page.mouse.move(b.x + b.width - 20, b.y + b.height / 2);
    const tip = page.locator('#column-stateless canvas[data-chart="rps"] + .tip');
    await tip.waitFor();
    expect(await tip.innerText()).toMatch(/stateless-1: \d+[\s\S]*stateless-2: \d+/);
    expect(await page.locator('#column-stateless .legend line')
      .evaluateAll((ls) => new Set(ls.map((l) => l.getAttribute('stroke-dasharray'))).size)).toBe(3);
    await page.screenshot({ path: `${SHOTS}1280-05-below-the-fold.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('at 1440×900 the same story reads the same', async () => {
    await pageAt(1440).locator('#column-stateful [data-f="your-cart"]', { hasText: 'lost with' }).waitFor();
    await pageAt(1440).screenshot({ path: `${SHOTS}1440-02-after-kills.png` });
  });

  it('made no request outside the dashboard\'s origin, and logged no error', () => {
    const origins = new Set(requested.map((u) => new URL(u).origin));
    expect([...origins]).toEqual([new URL(demo.dashboardUrl).origin]);
    expect(consoleErrors).toEqual([]);
  });
});
