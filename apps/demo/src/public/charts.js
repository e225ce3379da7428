// The dashboard's line charts on canvas: each series its own colour, dash pattern and a small vertical offset, so
// lines that lie on each other stay apart; a tooltip names every line's value at the second under the pointer.
// Text is drawn at 16 px like the rest of the page. Exposes window.dashboardCharts = { draw, tooltip }.
/* global devicePixelRatio */
(function () {
  'use strict';

  function chartGeometry(canvas) {
    var w = canvas.clientWidth, h = canvas.clientHeight;
    return { w: w, h: h, left: 44, top: 10, bottom: h - 8, width: w - 44 - 10 };
  }

  function drawChart(canvas, series, maxFloor) {
    var geo = chartGeometry(canvas), r = devicePixelRatio || 1;
    if (canvas.width !== Math.round(geo.w * r) || canvas.height !== Math.round(geo.h * r)) {
      canvas.width = Math.round(geo.w * r); canvas.height = Math.round(geo.h * r);
    }
    var g = canvas.getContext('2d');
    g.setTransform(r, 0, 0, r, 0, 0);
    g.clearRect(0, 0, geo.w, geo.h);
    var max = maxFloor;
    series.forEach(function (s) { s.values.forEach(function (v) { if (v > max) max = v; }); });
    max = Math.ceil(max * 1.15);
    canvas.chart = { series: series, max: max };
    g.strokeStyle = '#2a3553'; g.fillStyle = '#b4bdd0'; g.font = '16px system-ui'; g.lineWidth = 1; g.setLineDash([]);
    [0, 0.5, 1].forEach(function (f) {
      var y = geo.bottom - f * (geo.bottom - geo.top);
      g.beginPath(); g.moveTo(geo.left, y); g.lineTo(geo.w - 10, y); g.stroke();
      g.fillText(String(Math.round(max * f)), 4, Math.max(16, y + 5));
    });
    series.forEach(function (s, k) {
      var offset = (k - (series.length - 1) / 2) * 2.5;
      g.strokeStyle = s.color; g.lineWidth = 3; g.setLineDash(s.dash || []); g.beginPath();
      s.values.forEach(function (v, i) {
        var x = geo.left + (i + 60 - s.values.length) / 59 * geo.width;
        var y = geo.bottom - (v / max) * (geo.bottom - geo.top) + offset;
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
    });
    g.setLineDash([]);
  }

  function setupTooltip(canvas) {
    var tip = canvas.parentElement.querySelector('.tip');
    canvas.addEventListener('mousemove', function (ev) {
      var c = canvas.chart;
      if (!c || !c.series.length) return;
      var geo = chartGeometry(canvas);
      var x = ev.offsetX;
      var n = c.series[0].values.length;
      var i = Math.round((x - geo.left) / geo.width * 59) - (60 - n);
      if (i < 0 || i >= n) { tip.hidden = true; return; }
      tip.innerHTML = '<div>' + (n - 1 - i) + ' s ago</div>' + c.series.map(function (s) {
        return '<div style="color:' + s.color + '">' + s.name + ': ' + s.values[i] + '</div>';
      }).join('');
      tip.hidden = false;
      tip.style.left = Math.min(x + 12, geo.w - tip.offsetWidth - 4) + 'px';
    });
    canvas.addEventListener('mouseleave', function () { tip.hidden = true; });
  }

  window.dashboardCharts = { draw: drawChart, tooltip: setupTooltip };
})();
