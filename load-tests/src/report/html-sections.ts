// The static sections of report.html (verdict, tiles, integrity bars, tables, how to read): plain HTML that
// reads with JavaScript off. Figures carry data-figure/data-variant/data-value so tests can read them back.
import type { Results, VariantResult } from '../results-schema.ts';
import { formatCount } from './format.ts';
import type { VariantFigures } from './figures.ts';
import { reportWarnings } from './run-warnings.ts';
import { HOW_TO_READ } from './how-to-read.ts';
import { keyFigureList, spreadCell, type Cell, type Table } from './report-tables.ts';
import { esc } from './svg-escape.ts';

export type Colored = { v: VariantResult; f: VariantFigures; color: string };

export function figureAttrs(figure: string, variant: string, value: number | null | undefined): string {
  return `data-figure="${esc(figure)}" data-variant="${esc(variant)}" `
    + `data-value="${value === null || value === undefined ? 'null' : value}"`;
}

function cellHtml(c: Cell, tag: 'td' | 'th'): string {
  const attrs = c.figure && c.variant ? ` ${figureAttrs(c.figure, c.variant, c.value)}` : '';
  return `<${tag}${attrs}>${esc(c.text)}</${tag}>`;
}

export function tableHtml(t: Table, textual = false): string {
  const head = `<tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('\n');
  return `<table id="table-${t.id}"${textual ? ' class="text"' : ''}>\n${head}\n${rows}\n</table>`;
}

export function verdictHtml(r: Results, list: Colored[]): string {
  const warnings = reportWarnings(r);
  const cards = list.map(({ v, f, color }) =>
    `<p class="verdict" style="--c:${color}" data-verdict="${esc(v.label)}">${esc(f.verdict)}</p>`
    + `<p class="steady${f.steady.met === false ? ' bad' : ''}" data-steady="${esc(v.label)}">`
    + `${esc(f.steadyLine)}</p>`);
  return `<div class="card">${cards.join('\n')}</div>`
    + (warnings.length
      ? `<div class="warnings">${warnings.map((w) => `<p data-warning>⚠ ${esc(w)}</p>`).join('')}</div>`
      : '');
}

export function tilesHtml(r: Results, list: Colored[]): string {
  const tiles = keyFigureList(r).map((k) => `<div class="tile" title="${esc(k.help)}"><h3>${esc(k.title)}</h3>`
    + list.map(({ v, color }) => {
      const cell = spreadCell(r, k, v);
      const missing = cell.value === null || cell.value === undefined;
      return `<div class="row" style="--c:${color}"><span class="who">${esc(v.label)}</span>`
        + `<span class="value${missing ? ' na' : ''}" ${figureAttrs(k.id, v.label, cell.value)}>${esc(cell.median)}`
        + (cell.range ? `<span class="range" title="min–max over the runs">${esc(cell.range)}</span>` : '')
        + '</span></div>';
    }).join('')
    + '</div>');
  return `<div class="tiles">${tiles.join('\n')}</div>`;
}

function barPart(cls: string, n: number, total: number, label: string, variant: string): string {
  if (!n || !total) return '';
  return `<span class="${cls}" style="width:${((n / total) * 100).toFixed(2)}%" title="${esc(label)}" `
    + `${figureAttrs(`bar:${cls}`, variant, n)}>${esc(formatCount(n))}</span>`;
}

export function integrityHtml(list: Colored[]): string {
  const bars = list.map(({ v, color }) => {
    const i = v.integrity;
    const lostBy = Object.entries(i.lostByNode).filter(([, n]) => n > 0)
      .map(([node, n]) => `${esc(node)}: ${esc(formatCount(n))}`);
    return `<div class="bar-row"><span class="chip" style="--c:${color}">`
      + `${esc(v.label)} (${esc(formatCount(i.cartsChecked))} carts)</span>`
      + `<div class="bar">${barPart('intact', i.cartsIntact, i.cartsChecked, 'intact', v.label)}`
      + barPart('lost', i.cartsLost, i.cartsChecked, 'lost', v.label)
      + `${barPart('indeterminate', i.cartsIndeterminate, i.cartsChecked, 'indeterminate', v.label)}</div></div>`
      + `<p class="lost-nodes">Lost carts by node: ${lostBy.length ? lostBy.join(', ') : 'none'}</p>`;
  });
  return '<p class="legend-line"><span class="chip" style="--c:#15803d">intact</span> '
    + '<span class="chip" style="--c:#dc2626">lost</span> '
    + `<span class="chip" style="--c:#64748b">indeterminate</span></p>${bars.join('\n')}`;
}

export function howToReadHtml(): string {
  return `<dl>${HOW_TO_READ.map((e) => `<dt>${esc(e.term)}</dt><dd>${esc(e.text)}</dd>`).join('\n')}</dl>`;
}
