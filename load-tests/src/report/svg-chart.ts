// A small SVG writer for one chart panel (steps, stacked areas, phase bands, event markers, legend), so
// report.md has charts on a git host without a browser. Draws only what the chart model holds.
import type { ChartMarker, ChartPanel, ChartSeries } from './chart-model.ts';
import { PHASE_FILL } from './palette.ts';
import { type Frame, niceMax, px, py, r1, ticks } from './svg-axes.ts';
import { esc } from './svg-escape.ts';

const W = 1000;
const PLOT_H = 300;
const MAX_LANES = 8;
const LANE = 20;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** Stepped polyline pieces: value i holds over [x_i, x_{i+1}); a null breaks the line. */
function stepPath(f: Frame, xs: number[], values: (number | null)[]): string {
  let d = '';
  let open = false;
  for (let i = 0; i + 1 < xs.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) { open = false; continue; }
    d += `${open ? 'L' : 'M'}${r1(px(f, xs[i]!))},${r1(py(f, v))}L${r1(px(f, xs[i + 1]!))},${r1(py(f, v))}`;
    open = true;
  }
  return d;
}

function stackedAreas(f: Frame, xs: number[], series: ChartSeries[]): string {
  const base = xs.map(() => 0);
  return series.map((s) => {
    const lower = [...base];
    s.values.forEach((v, i) => { base[i] = (base[i] ?? 0) + (v ?? 0); });
    const top: string[] = [];
    const bottom: string[] = [];
    for (let i = 0; i + 1 < xs.length; i++) {
      const [x0, x1] = [r1(px(f, xs[i]!)), r1(px(f, xs[i + 1]!))];
      top.push(`${x0},${r1(py(f, base[i]!))}`, `${x1},${r1(py(f, base[i]!))}`);
      bottom.unshift(`${x1},${r1(py(f, lower[i]!))}`, `${x0},${r1(py(f, lower[i]!))}`);
    }
    return `<polygon points="${[...top, ...bottom].join(' ')}" fill="${s.color}" fill-opacity="0.9" `
      + `stroke="${s.color}" stroke-width="0.5"/>`;
  }).join('\n');
}

function axes(f: Frame, yLabel: string): string {
  const y = ticks(f.yMax).map((v) =>
    `<line x1="${f.left}" x2="${f.left + f.width}" y1="${r1(py(f, v))}" y2="${r1(py(f, v))}" stroke="#e2e8f0"/>`
    + `<text x="${f.left - 8}" y="${r1(py(f, v) + 5)}" text-anchor="end" font-size="14" fill="#334155">${v}</text>`);
  const x = ticks(f.xMax, 10).map((v) => `<text x="${r1(px(f, v))}" y="${f.top + f.height + 22}" `
    + `text-anchor="middle" font-size="14" fill="#334155">${v}</text>`);
  return [...y, ...x,
    `<text x="${f.left - 8}" y="${f.top - 10}" text-anchor="end" font-size="14" fill="#334155">${esc(yLabel)}</text>`,
    `<text x="${f.left + f.width}" y="${f.top + f.height + 42}" text-anchor="end" font-size="14" fill="#334155">`
      + 'seconds since load start</text>',
    `<rect x="${f.left}" y="${f.top}" width="${f.width}" height="${f.height}" fill="none" stroke="#94a3b8"/>`,
  ].join('\n');
}

function bands(f: Frame, panel: ChartPanel): { area: string; label: string }[] {
  return panel.bands.map((b) => {
    const width = Math.max(0, px(f, Math.min(b.to, f.xMax)) - px(f, b.from));
    const label = width > b.name.length * 8 + 16
      ? `<rect x="${r1(px(f, b.from) + 3)}" y="${f.top + f.height - 24}" width="${b.name.length * 8 + 8}" height="19" `
        + 'fill="#ffffff" fill-opacity="0.85"/>'
        + `<text x="${r1(px(f, b.from) + 7)}" y="${f.top + f.height - 9}" font-size="14" fill="#334155">`
        + `${b.name}</text>`
      : '';
    return {
      area: `<rect x="${r1(px(f, b.from))}" y="${f.top}" width="${r1(width)}" height="${f.height}" `
        + `fill="${PHASE_FILL[b.name]}"/>`,
      label,
    };
  });
}

/** Greedy label lanes above the plot: a label takes the first lane whose last label ends left of it. */
function assignLanes(starts: number[], widths: number[], maxLanes = MAX_LANES): number[] {
  const ends: number[] = [];
  return starts.map((x, i) => {
    let lane = ends.findIndex((end) => end + 8 < x);
    if (lane === -1) lane = ends.length < maxLanes ? ends.length : i % maxLanes;
    ends[lane] = x + (widths[i] ?? 0);
    return lane;
  });
}

function markers(f: Frame, list: ChartMarker[]): string {
  const sorted = [...list].sort((a, b) => a.x - b.x);
  const xs = sorted.map((m) => px(f, m.x));
  const widths = sorted.map((m) => m.label.length * 8.5 + 8);
  const starts = xs.map((x, i) => (x + widths[i]! > f.left + f.width ? x - widths[i]! - 4 : x + 4));
  const lanes = assignLanes(starts, widths);
  const laneY = (i: number): number => f.top - 8 - lanes[i]! * LANE;
  const lines = sorted.map((m, i) => `<line class="event-marker" x1="${r1(xs[i]!)}" x2="${r1(xs[i]!)}" `
    + `y1="${laneY(i) - 14}" y2="${f.top + f.height}" stroke="${m.color}" stroke-width="2"`
    + `${m.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  const labels = sorted.map((m, i) =>
    `<rect x="${r1(starts[i]!)}" y="${laneY(i) - 15}" width="${r1(widths[i]!)}" height="19" fill="#ffffff"/>`
    + `<text x="${r1(starts[i]! + 3)}" y="${laneY(i)}" font-size="14" font-weight="bold" fill="${m.color}">`
    + `${esc(m.label)}</text>`);
  return [...lines, ...labels].join('\n');
}

function legend(series: ChartSeries[], y: number): string {
  let x = 64;
  return series.map((s) => {
    const item = `<line x1="${x}" x2="${x + 24}" y1="${y - 5}" y2="${y - 5}" stroke="${s.color}" `
      + `stroke-width="${Math.max(4, s.width)}"${s.dashed ? ' stroke-dasharray="6 3"' : ''}/>`
      + `<text x="${x + 30}" y="${y}" font-size="15" fill="#0f172a">${esc(s.label)}</text>`;
    x += 44 + s.label.length * 8;
    return item;
  }).join('\n');
}

export function renderSvgPanel(panel: ChartPanel, xs: number[]): string {
  const top = 56 + Math.min(MAX_LANES, panel.markers.length) * LANE;
  const f: Frame = {
    left: 64, top, width: W - 64 - 24, height: PLOT_H, xMax: xs[xs.length - 1] ?? 1, yMax: niceMax(panel.yMax),
  };
  const height = top + PLOT_H + 84;
  const phases = bands(f, panel);
  const drawn = panel.stacked ? stackedAreas(f, xs, panel.series)
    : panel.series.map((s) => `<path d="${stepPath(f, xs, s.values)}" fill="none" stroke="${s.color}" `
      + `stroke-width="${s.width}"${s.dashed ? ' stroke-dasharray="8 5"' : ''}/>`).join('\n');
  return [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" `
    + `width="${W}" height="${height}" ${FONT}>`,
    `<rect width="${W}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="20" font-weight="bold" fill="#0f172a">${esc(panel.title)}</text>`,
    ...phases.map((b) => b.area), axes(f, panel.yLabel), drawn, ...phases.map((b) => b.label),
    markers(f, panel.markers), legend(panel.series, height - 14), '</svg>', ''].join('\n');
}
