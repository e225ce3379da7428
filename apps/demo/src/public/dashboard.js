// The dashboard page's script: one SSE stream (/api/events) renders both columns in place (no element is
// rebuilt on a tick, so buttons never move under the pointer); buttons POST to /api/... and show the answer.
/* global EventSource, fetch, location, setTimeout, clearTimeout, devicePixelRatio */
(function () {
  'use strict';
  var NAMES = ['stateful', 'stateless'];
  var PALETTE = ['#4aa8ff', '#f5a623', '#3ecf8e', '#c084fc', '#ff6b6b', '#ffd43b', '#22d3ee', '#f472b6'];
  var TEXT = {
    stateful: {
      title: 'Stateful', sub: 'sticky balancer · cart in the memory of one node',
      explain: '<h3>What is stored where</h3>' +
        '<p>Your session and your cart live <b>in the memory of the node</b> that first served you. The balancer pins you to it with a cookie (<code>ss_lb</code>).</p>' +
        '<p><b>Kill</b> that node and the cart is gone: nobody else has it. <b>Freeze</b> it and your requests hang until the health check gives up.</p>' +
        '<h3>Sticky miss: your node is gone, now what?</h3>' +
        '<p><b>continue</b>: go to another node (empty cart) · <b>reject</b>: answer 503 and forget the pin · <b>drop</b>: close the connection.</p>'
    },
    stateless: {
      title: 'Stateless', sub: 'round-robin balancer · cart in Redis',
      explain: '<h3>What is stored where</h3>' +
        '<p>Nodes keep <b>nothing</b>. Sessions (connect-redis) and carts live <b>in Redis</b>; any node can serve any request, so round-robin is enough.</p>' +
        '<p><b>Kill</b> a node: the next one reads the same cart. The price: Redis is now the one thing that must not fail. Try <b>Stop Redis</b>.</p>'
    }
  };
  var cols = {};
  var history = [];
  var lastState = null;
  var slider = document.getElementById('traffic-rate');
  var sliderBusy = false;

  function $(root, sel) { return root.querySelector(sel); }
  function field(col, name) { return $(col.el, '[data-f="' + name + '"]'); }
  function setText(el, text) { text = String(text); if (el.textContent !== text) el.textContent = text; }

  var toastTimer;
  function toast(text, isError) {
    var el = document.getElementById('toast');
    el.textContent = text;
    el.className = 'toast show' + (isError ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.className = 'toast'; }, 4000);
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (!res.ok) throw new Error((data.error && (data.error.code + ': ' + data.error.message)) || res.statusText);
          return data;
        });
      });
  }

  function act(path, body, label) {
    return post(path, body).then(function (data) { toast(label + ' ✓'); return data; }, function (err) { toast(err.message, true); });
  }

  function makeColumn(name) {
    var tpl = document.getElementById('column-template').content.firstElementChild.cloneNode(true);
    tpl.classList.add(name);
    tpl.id = 'column-' + name;
    $(tpl, '.col-title').textContent = TEXT[name].title;
    $(tpl, '.col-sub').textContent = TEXT[name].sub;
    $(tpl, '[data-f="explainer"]').innerHTML = TEXT[name].explain + (name === 'stateful' ? policyHtml() : '');
    if (name !== 'stateless') $(tpl, '[data-f="redis-box"]').style.display = 'none';
    document.getElementById('col-' + name).replaceWith(tpl);
    var col = { name: name, el: tpl, cards: {}, colors: {}, iframeSet: false };
    tpl.addEventListener('click', function (ev) { onColumnClick(col, ev); });
    return col;
  }

  function policyHtml() {
    return '<div class="policy">policy now: ' + ['continue', 'reject', 'drop'].map(function (p) {
      return '<button class="btn small" data-policy="' + p + '">' + p + '</button>';
    }).join('') + '<span class="sub">(switched live in the balancer)</span></div>';
  }

  function onColumnClick(col, ev) {
    var b = ev.target.closest('button');
    if (!b || b.disabled) return;
    var base = '/api/columns/' + col.name;
    if (b.dataset.nodeAction) {
      var id = b.closest('.card').dataset.id;
      b.disabled = true;
      act(base + '/nodes/' + encodeURIComponent(id) + '/' + b.dataset.nodeAction, {}, b.dataset.nodeAction + ' ' + id);
    } else if (b.dataset.colAction) {
      b.disabled = true;
      act(base + '/' + b.dataset.colAction, {}, b.textContent.trim()).then(function () { b.disabled = false; });
    } else if (b.dataset.policy) {
      act(base + '/sticky-miss', { policy: b.dataset.policy }, 'sticky miss ' + b.dataset.policy);
    } else if (b.hasAttribute('data-reload')) {
      var frame = $(col.el, 'iframe');
      frame.setAttribute('src', frame.getAttribute('src'));
    }
  }

  function makeCard(col, node) {
    var el = document.createElement('div');
    el.className = 'card starting';
    el.dataset.id = node.id;
    el.innerHTML = '<div class="card-head"><span class="card-id"></span><span class="badge"></span></div>' +
      '<dl class="figs"><dt>req/s</dt><dd data-k="rps"></dd><dt>in flight</dt><dd data-k="inFlight"></dd>' +
      '<dt data-k="cartsLabel">carts</dt><dd data-k="carts"></dd><dt>pid</dt><dd data-k="pid"></dd></dl>' +
      '<div class="card-buttons"><button class="btn kill" data-node-action="kill">Kill</button>' +
      '<button class="btn" data-node-action="freeze">Freeze</button><button class="btn" data-node-action="drain">Drain</button></div>';
    $(el, '.card-id').textContent = node.id;
    $(el, '[data-k="cartsLabel"]').textContent = col.name === 'stateless' ? 'in Redis' : 'carts';
    field(col, 'nodes').appendChild(el);
    col.cards[node.id] = el;
    col.colors[node.id] = PALETTE[Object.keys(col.colors).length % PALETTE.length];
    return el;
  }

  function renderCard(col, node, disabledAll) {
    var el = col.cards[node.id] || makeCard(col, node);
    el.className = 'card ' + node.state;
    setText($(el, '.badge'), node.state);
    setText($(el, '[data-k="rps"]'), node.rps);
    setText($(el, '[data-k="inFlight"]'), node.inFlight);
    setText($(el, '[data-k="carts"]'), node.carts === null ? '—' : node.carts);
    setText($(el, '[data-k="pid"]'), node.pid);
    var alive = node.process === 'running' || node.process === 'frozen' || node.process === 'draining';
    var kill = $(el, '[data-node-action="kill"]');
    var freeze = $(el, '[data-node-action="freeze"], [data-node-action="thaw"]');
    var drain = $(el, '[data-node-action="drain"], [data-node-action="undrain"]');
    kill.disabled = disabledAll || !alive;
    var frozen = node.process === 'frozen';
    freeze.dataset.nodeAction = frozen ? 'thaw' : 'freeze';
    setText(freeze, frozen ? 'Thaw' : 'Freeze');
    freeze.disabled = disabledAll || !alive;
    var draining = node.state === 'draining';
    drain.dataset.nodeAction = draining ? 'undrain' : 'drain';
    setText(drain, draining ? 'Undrain' : 'Drain');
    drain.disabled = disabledAll || !alive || frozen;
  }

  function renderColumn(col, view, traffic) {
    var seen = {};
    view.nodes.forEach(function (n) { seen[n.id] = true; renderCard(col, n, false); });
    Object.keys(col.cards).forEach(function (id) { if (!seen[id]) { col.cards[id].remove(); delete col.cards[id]; } });
    var lost = traffic.verdicts.lost;
    setText(field(col, 'lost'), lost);
    field(col, 'lost').parentElement.classList.toggle('bad', lost > 0);
    setText(field(col, 'checked'), traffic.checked);
    setText(field(col, 'intact'), traffic.verdicts.intact);
    setText(field(col, 'indeterminate'), traffic.verdicts.indeterminate + traffic.verdicts.excess);
    setText(field(col, 'active'), traffic.active);
    setText(field(col, 'errors'), traffic.lastSecond.errors);
    var redis = field(col, 'redis');
    setText(redis, view.redis === 'external' ? 'Redis: external' : 'Redis: ' + view.redis);
    redis.className = 'redis-state ' + view.redis;
    $(col.el, '[data-col-action="redis-stop"]').disabled = view.redis !== 'up';
    $(col.el, '[data-col-action="redis-start"]').disabled = view.redis !== 'down';
    col.el.querySelectorAll('[data-policy]').forEach(function (b) {
      b.classList.toggle('on', b.dataset.policy === view.stickyMiss);
    });
    if (!col.iframeSet) {
      // Same host name as this page (so the shop's cookies count as same-site inside the iframe), the shop's port.
      var url = location.protocol + '//' + location.hostname + ':' + view.port + '/';
      $(col.el, 'iframe').src = url;
      $(col.el, '.shop-link').href = url;
      col.iframeSet = true;
    }
    renderLegend(col, view);
  }

  function renderLegend(col, view) {
    var html = view.nodes.map(function (n) { return '<span><i style="background:' + col.colors[n.id] + '"></i>' + n.id + '</span>'; }).join('');
    var legend = field(col, 'legend');
    if (legend.innerHTML !== html) legend.innerHTML = html;
  }

  function drawChart(canvas, series, maxFloor) {
    var w = canvas.clientWidth, h = canvas.clientHeight, r = devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * r) || canvas.height !== Math.round(h * r)) { canvas.width = Math.round(w * r); canvas.height = Math.round(h * r); }
    var g = canvas.getContext('2d');
    g.setTransform(r, 0, 0, r, 0, 0);
    g.clearRect(0, 0, w, h);
    var max = maxFloor;
    series.forEach(function (s) { s.values.forEach(function (v) { if (v > max) max = v; }); });
    max = Math.ceil(max * 1.15);
    var left = 36, top = 6, bottom = h - 6, width = w - left - 8;
    g.strokeStyle = '#2a3553'; g.fillStyle = '#aab3c8'; g.font = '13px system-ui'; g.lineWidth = 1;
    [0, 0.5, 1].forEach(function (f) {
      var y = bottom - f * (bottom - top);
      g.beginPath(); g.moveTo(left, y); g.lineTo(w - 8, y); g.stroke();
      g.fillText(String(Math.round(max * f)), 4, y + 4);
    });
    series.forEach(function (s) {
      g.strokeStyle = s.color; g.lineWidth = 3; g.beginPath();
      s.values.forEach(function (v, i) {
        var x = left + (i + 60 - s.values.length) / 59 * width;
        var y = bottom - (v / max) * (bottom - top);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
    });
  }

  function renderCharts() {
    NAMES.forEach(function (name) {
      var col = cols[name];
      var ids = Object.keys(col.colors);
      drawChart($(col.el, '[data-chart="rps"]'), ids.map(function (id) {
        return { color: col.colors[id], values: history.map(function (p) { return p[name].rps[id] || 0; }) };
      }), 5);
      drawChart($(col.el, '[data-chart="errors"]'), [{ color: '#e5484d', values: history.map(function (p) { return p[name].errors; }) }], 2);
    });
  }

  function renderTraffic(t) {
    document.getElementById('traffic-on').checked = t.on;
    if (!sliderBusy) { slider.max = t.maxRate; slider.value = t.rate; setText(document.getElementById('traffic-rate-value'), t.rate); }
  }

  function renderExperiment(s) {
    var state = document.getElementById('exp-state');
    var label = s.state === 'idle' ? 'idle' : s.name + ': ' + s.state;
    if (s.state === 'running' && s.startedAt) label += ' · ' + Math.round((Date.now() - s.startedAt) / 1000) + ' s';
    setText(state, label);
    state.className = 'exp-state ' + s.state;
    setText(document.getElementById('exp-lines'), s.lines.slice(-8).join('\n'));
    document.getElementById('exp-run').disabled = s.state === 'running';
    document.getElementById('exp-stop').disabled = s.state !== 'running';
    var report = document.getElementById('exp-report');
    report.hidden = !s.report;
    if (s.report) report.href = s.report;
  }

  function render(state) {
    lastState = state;
    NAMES.forEach(function (name) { renderColumn(cols[name], state.columns[name], state.traffic.columns[name]); });
    renderTraffic(state.traffic);
    renderExperiment(state.experiment);
  }

  function connect() {
    var conn = document.getElementById('conn');
    var es = new EventSource('/api/events');
    es.addEventListener('snapshot', function (ev) { var d = JSON.parse(ev.data); history = d.history; render(d.state); renderCharts(); });
    es.addEventListener('tick', function (ev) {
      var d = JSON.parse(ev.data);
      history.push(d.point);
      if (history.length > 60) history.shift();
      render(d.state);
      renderCharts();
    });
    es.addEventListener('state', function (ev) { render(JSON.parse(ev.data).state); });
    es.onopen = function () { setText(conn, '● live'); conn.className = 'conn live'; };
    es.onerror = function () { setText(conn, 'reconnecting…'); conn.className = 'conn'; };
  }

  function setupControls() {
    document.getElementById('traffic-on').addEventListener('change', function (ev) {
      act('/api/traffic', { on: ev.target.checked }, 'background shoppers ' + (ev.target.checked ? 'on' : 'off'));
    });
    slider.addEventListener('input', function () { sliderBusy = true; setText(document.getElementById('traffic-rate-value'), slider.value); });
    slider.addEventListener('change', function () {
      act('/api/traffic', { rate: Number(slider.value) }, slider.value + ' shoppers/s').then(function () { sliderBusy = false; });
    });
    var select = document.getElementById('exp-name');
    var shows = {};
    fetch('/api/experiments').then(function (r) { return r.json(); }).then(function (d) {
      d.experiments.forEach(function (e) {
        var o = document.createElement('option');
        o.value = e.name; o.textContent = e.name; shows[e.name] = e.fault + ' → ' + e.shows;
        select.appendChild(o);
      });
      select.value = 'kill-node';
      setText(document.getElementById('exp-shows'), shows[select.value] || '');
    });
    select.addEventListener('change', function () { setText(document.getElementById('exp-shows'), shows[select.value] || ''); });
    document.getElementById('exp-run').addEventListener('click', function () {
      act('/api/experiments/run', { name: select.value, duration: Number(document.getElementById('exp-duration').value) }, 'experiment started');
    });
    document.getElementById('exp-stop').addEventListener('click', function () { act('/api/experiments/stop', {}, 'experiment stopped'); });
  }

  NAMES.forEach(function (name) { cols[name] = makeColumn(name); });
  setupControls();
  connect();
  window.dashboard = { state: function () { return lastState; } };
})();
