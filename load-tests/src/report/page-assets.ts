// Reads what report.html inlines: uPlot's JS and CSS from node_modules and our chart script, at render time,
// so the page needs no network and no copy of uPlot is kept in the repo.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export type PageAssets = { uplotJs: string; uplotCss: string; clientJs: string };

const require = createRequire(import.meta.url);

/** Inline scripts must not close their own <script> element. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

export async function loadPageAssets(): Promise<PageAssets> {
  const [uplotJs, uplotCss, clientJs] = await Promise.all([
    readFile(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    readFile(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    readFile(new URL('./charts-client.js', import.meta.url), 'utf8'),
  ]);
  return { uplotJs: inlineScript(uplotJs), uplotCss, clientJs: inlineScript(clientJs) };
}
