/* global uPlot */
// Browser side of report.html: draws the embedded chart model with uPlot (inlined), phases shaded and events
// marked through uPlot hooks. Reads only the JSON in #report-data; makes no request of any kind.
(function () {
  'use strict';
  const model = JSON.parse(document.getElementById('report-data').textContent);
  const xs = model.xs;
  const xMax = xs[xs.length - 1];
  const PHASE_FILL = model.phaseFill;
  const ratio = window.devicePixelRatio || 1;

  function niceMax(max) {
    const raw = max / 5;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
    return Math.ceil((max * 1.05) / step) * step;
  }

  /** Stacked panels draw cumulative sums, topmost first, so each area covers the ones below it. */
  function seriesData(panel) {
    if (!panel.stacked) return panel.series.map((s) => s.values);
    const sums = [];
    let running = xs.map(() => null);
    for (const s of panel.series) {
      running = running.map((acc, i) =>
        (s.values[i] === null && acc === null ? null : (acc || 0) + (s.values[i] || 0)));
      sums.push(running);
    }
    return sums.reverse();
  }

  function drawBands(u, panel) {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    for (const b of panel.bands) {
      const x0 = u.valToPos(b.from, 'x', true);
      const x1 = u.valToPos(Math.min(b.to, xMax), 'x', true);
      ctx.fillStyle = PHASE_FILL[b.name];
      ctx.fillRect(x0, top, Math.max(0, x1 - x0), height);
    }
    ctx.restore();
  }

  const LANE = 22;
  const MAX_LANES = 8;
  const labelFont = (r) => `bold ${14 * r}px system-ui, sans-serif`;

  /** Greedy lanes: a label takes the first lane whose previous label ends left of it. */
  function lanesFor(starts, widths) {
    const ends = [];
    return starts.map((x, i) => {
      let lane = ends.findIndex((end) => end + 8 * ratio < x);
      if (lane === -1) lane = ends.length < MAX_LANES ? ends.length : i % MAX_LANES;
      ends[lane] = x + widths[i];
      return lane;
    });
  }

  function drawMarkers(u, panel, el) {
    const ctx = u.ctx;
    const { top, height, left: plotLeft, width: plotWidth } = u.bbox;
    ctx.save();
    ctx.font = labelFont(ratio);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    for (const b of panel.bands) {
      const x0 = u.valToPos(b.from, 'x', true);
      const w = ctx.measureText(b.name).width + 10 * ratio;
      if (u.valToPos(Math.min(b.to, xMax), 'x', true) - x0 < w + 4 * ratio) continue; // too narrow to label
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(x0 + 3 * ratio, top + height - 24 * ratio, w, 20 * ratio);
      ctx.fillStyle = '#334155';
      ctx.fillText(b.name, x0 + 8 * ratio, top + height - 21 * ratio);
    }
    const order = panel.markers.map((m, i) => i).sort((a, b) => panel.markers[a].x - panel.markers[b].x);
    const xs = order.map((i) => Math.round(u.valToPos(panel.markers[i].x, 'x', true)));
    const widths = order.map((i) => ctx.measureText(panel.markers[i].label).width + 10 * ratio);
    const starts = xs.map((x, k) =>
      (x + widths[k] + 4 * ratio > plotLeft + plotWidth ? x - widths[k] - 4 * ratio : x + 4 * ratio));
    const lanes = lanesFor(starts, widths);
    const drawnAt = [];
    const laneY = (k) => top - (lanes[k] + 1) * LANE * ratio;
    order.forEach((i, k) => {
      const m = panel.markers[i];
      ctx.strokeStyle = m.color;
      ctx.lineWidth = 2.5 * ratio;
      ctx.setLineDash(m.dashed ? [7 * ratio, 5 * ratio] : []);
      ctx.beginPath();
      ctx.moveTo(xs[k], laneY(k) + 2 * ratio);
      ctx.lineTo(xs[k], top + height);
      ctx.stroke();
      drawnAt[i] = xs[k];
    });
    order.forEach((i, k) => { // labels after every line, so no line crosses a label
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(starts[k], laneY(k), widths[k], 20 * ratio);
      ctx.fillStyle = panel.markers[i].color;
      ctx.fillText(panel.markers[i].label, starts[k] + 5 * ratio, laneY(k) + 3 * ratio);
    });
    ctx.restore();
    el.dataset.markers = String(drawnAt.length);
    el.dataset.markerX = drawnAt.join(',');
  }

  function format(v) {
    return v === null || v === undefined ? 'n/a' : Number.isInteger(v) ? String(v) : v.toFixed(1);
  }

  function options(panel, el, width) {
    const data = seriesData(panel);
    const ordered = panel.stacked ? [...panel.series].reverse() : panel.series;
    const axis = {
      stroke: '#334155', font: '15px system-ui, sans-serif', labelFont: 'bold 15px system-ui, sans-serif',
      grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' },
    };
    return {
      width, height: 400, data,
      scales: { x: { time: false, range: [0, xMax] }, y: { range: [0, niceMax(panel.yMax)] } },
      axes: [{ ...axis, label: 'seconds since load start' }, { ...axis, label: panel.yLabel, size: 64 }],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      padding: [Math.min(MAX_LANES, panel.markers.length) * LANE + 10, 24, null, null],
      series: [
        { label: 'second', value: (u, v) => (v === null || v === undefined ? '' : String(v)) },
        ...ordered.map((s) => ({
          label: s.label, stroke: s.color, width: s.width, dash: s.dashed ? [9, 6] : undefined,
          fill: panel.stacked ? s.color : undefined, points: { show: false },
          paths: uPlot.paths.stepped({ align: 1, alignGaps: 1 }),
          value: (u, v, si, di) => (di === null || di === undefined ? '' : format(s.values[di])),
        })),
      ],
      hooks: { drawClear: [(u) => drawBands(u, panel)], draw: [(u) => drawMarkers(u, panel, el)] },
    };
  }

  const plots = [];
  for (const row of model.rows) {
    for (const panel of row.panels) {
      const el = document.querySelector(`[data-panel="${panel.id}"]`);
      if (!el) continue;
      el.textContent = '';
      const opts = options(panel, el, el.clientWidth);
      plots.push({ el, plot: new uPlot(opts, [xs, ...opts.data], el) });
    }
  }
  window.addEventListener('resize', () =>
    plots.forEach(({ el, plot }) => plot.setSize({ width: el.clientWidth, height: 400 })));
  document.documentElement.dataset.chartsDrawn = String(plots.length);
})();
