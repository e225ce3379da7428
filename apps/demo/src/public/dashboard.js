// The dashboard page's script: one SSE stream (/api/events) renders every column in place (no element is
// rebuilt on a tick, so buttons never move under the pointer). What a column shows and which buttons it has
// come from its variant descriptor (state.columns[id].descriptor); buttons POST JSON to /api/...
/* global EventSource, fetch, location, setTimeout, clearTimeout, dashboardCharts */
(function () {
  'use strict';
  var PALETTE = ['#4aa8ff', '#f5a623', '#3ecf8e', '#c084fc', '#ff6b6b', '#ffd43b', '#22d3ee', '#f472b6'];
  // Overlapping lines stay distinguishable: each node has its own dash pattern (and charts.js a small offset).
  var DASHES = [[], [14, 7], [4, 6], [16, 5, 4, 5], [2, 4], [10, 3], [6, 3, 2, 3], [20, 8]];
  var SHOWN_PRODUCTS = 6;
  var cols = {};
  var order = [];
  var labels = { node: {}, column: {}, status: {} };
  var history = [];
  var lastState = null;
  var slider = document.getElementById('traffic-rate');
  var sliderBusy = false;

  function $(root, sel) { return root.querySelector(sel); }
  function field(col, name) { return $(col.el, '[data-f="' + name + '"]'); }
  function setText(el, text) { text = String(text); if (el.textContent !== text) el.textContent = text; }
  function esc(text) { return String(text).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  var toastTimer;
  function toast(text, isError) {
    var el = document.getElementById('toast');
    el.textContent = text;
    el.title = text;
    el.className = 'toast show' + (isError ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.className = 'toast'; }, 4000);
  }

  // Every change is JSON: the server refuses anything else (and any other origin).
  function post(path, body) {
    return fetch(path, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {})
    })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (!res.ok) throw new Error((data.error && (data.error.code + ': ' + data.error.message)) || res.statusText);
          return data;
        });
      });
  }

  function act(path, body, label) {
    return post(path, body).then(
      function (data) { toast(label + ' ✓'); return data; },
      function (err) { toast(err.message, true); }
    );
  }

  function makeColumn(view) {
    var d = view.descriptor;
    var el = document.getElementById('column-template').content.firstElementChild.cloneNode(true);
    el.classList.add(d.id);
    el.id = 'column-' + d.id;
    el.style.setProperty('--accent', d.accent);
    $(el, '.col-title').textContent = d.label;
    $(el, '.col-sub').textContent = d.sub;
    $(el, '[data-f="explainer"]').innerHTML = d.explain;
    document.getElementById('columns').appendChild(el);
    var col = { name: d.id, d: d, el: el, cards: {}, colors: {}, dashes: {}, productsShown: false, busy: false };
    makeActions(col);
    el.addEventListener('click', function (ev) { onColumnClick(col, ev); });
    dashboardCharts.tooltip($(el, '[data-chart="rps"]'));
    dashboardCharts.tooltip($(el, '[data-chart="errors"]'));
    return col;
  }

  function makeActions(col) {
    var box = field(col, 'actions');
    var row = document.createElement('div');
    row.className = 'action-row';
    col.d.columnButtons.forEach(function (action) {
      var meta = labels.column[action] || { label: action };
      var b = document.createElement('button');
      b.className = 'btn' + (meta.kill ? ' kill' : '');
      b.dataset.colAction = action;
      b.textContent = meta.label;
      row.appendChild(b);
    });
    box.appendChild(row);
    // Status items get a row of their own, so a long one ("sentinels: +switch-master redis-1 → redis-2") never
    // splits the buttons' row differently at different widths.
    if (col.d.status.length) {
      var statusRow = document.createElement('div');
      statusRow.className = 'action-row status-row';
      col.d.status.forEach(function (key) {
        var s = document.createElement('span');
        s.className = 'status-item';
        s.dataset.status = key;
        statusRow.appendChild(s);
      });
      box.appendChild(statusRow);
    }
    if (col.d.stickyMiss) {
      var policy = document.createElement('div');
      policy.className = 'action-row policy';
      policy.innerHTML = '<span>if your node is gone:</span>' + ['continue', 'reject', 'drop'].map(function (p) {
        return '<button class="btn" data-policy="' + p + '">' + p + '</button>';
      }).join('');
      box.appendChild(policy);
    }
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
      // Re-enabled, then rendered from the answer's column so a button whose enabledWhen no longer holds greys out
      // again.
      act(base + '/' + b.dataset.colAction, {}, b.textContent.trim()).then(function (data) {
        b.disabled = false;
        if (data && data.column && lastState) renderColumn(col, data.column, lastState.traffic.columns[col.name]);
      });
    } else if (b.dataset.policy) {
      act(base + '/sticky-miss', { policy: b.dataset.policy }, 'sticky miss ' + b.dataset.policy);
    } else if (b.dataset.product) {
      presenter(col, 'add', { productId: b.dataset.product }, 'added ' + b.dataset.name);
    } else if (b.dataset.presenter === 'new') {
      presenter(col, 'new', {}, 'a new cart');
    }
  }

  function presenter(col, action, body, label) {
    if (col.busy) return;
    col.busy = true;
    col.el.querySelectorAll('.product').forEach(function (p) { p.disabled = true; });
    act('/api/columns/' + col.name + '/presenter/' + action, body, label).then(function (data) {
      col.busy = false;
      col.el.querySelectorAll('.product').forEach(function (p) { p.disabled = false; });
      if (data && data.presenter) renderPresenter(col, data.presenter);
    });
  }

  function makeCard(col, node) {
    var el = document.createElement('div');
    el.className = 'card starting';
    el.dataset.id = node.id;
    el.innerHTML = '<div class="card-head"><span class="card-id"></span><span class="badge"></span></div>' +
      '<dl class="figs"><dt>req/s</dt><dd data-k="rps"></dd><dt>5xx/s</dt><dd data-k="errors"></dd>' +
      '<dt data-k="cartsLabel"></dt><dd data-k="carts"></dd>' +
      '<dt data-k="peersLabel" hidden>peers</dt><dd data-k="peers" hidden></dd>' +
      '<dt data-k="lagLabel" hidden>lag</dt><dd data-k="lag" class="wide" hidden></dd></dl>' +
      '<div class="were-here" data-k="were"></div><div class="card-buttons"></div>';
    $(el, '.card-id').textContent = node.id;
    $(el, '[data-k="cartsLabel"]').textContent = col.d.cartsLabel;
    var buttons = $(el, '.card-buttons');
    col.d.nodeButtons.forEach(function (action) {
      var b = document.createElement('button');
      b.className = 'btn' + (action === 'kill' ? ' kill' : '');
      b.dataset.nodeAction = action;
      b.dataset.base = action;
      b.textContent = labels.node[action] || action;
      buttons.appendChild(b);
    });
    el.title = 'pid ' + node.pid;
    field(col, 'nodes').appendChild(el);
    col.cards[node.id] = el;
    var i = Object.keys(col.colors).length;
    col.colors[node.id] = PALETTE[i % PALETTE.length];
    col.dashes[node.id] = DASHES[i % DASHES.length];
    return el;
  }

  // A toggle button shows its opposite while its state holds (Freeze ↔ Thaw, Drain ↔ Undrain).
  var TOGGLES = {
    freeze: ['thaw', function (n) { return n.process === 'frozen'; }],
    drain: ['undrain', function (n) { return n.state === 'draining'; }]
  };

  function renderCard(col, node) {
    var el = col.cards[node.id] || makeCard(col, node);
    // A node answering 5xx (a fail-fast 503 while Redis fails over) is marked as it happens, second by second.
    // Only a dead process says what died with it; a live node the balancer took out keeps showing its figures.
    el.className = 'card ' + node.state + (node.alive ? '' : ' dead') +
      (node.errors > 0 && node.alive ? ' failing' : '');
    setText($(el, '.badge'), node.state);
    setText($(el, '[data-k="rps"]'), node.rps);
    setText($(el, '[data-k="errors"]'), node.errors);
    // Replicated nodes: peers up of those known, and (async) what is queued for them and for how long.
    showFig(el, 'peers', node.peers && node.peers.up + '/' + node.peers.known,
      node.peers && node.peers.up < node.peers.known);
    showFig(el, 'lag', node.lag && node.lag.queued + ' · ' + node.lag.oldestMs + ' ms', false);
    $(el, '[data-k="lag"]').title = node.lag
      ? node.lag.queued + ' changes queued for the peers, the oldest ' + node.lag.oldestMs + ' ms ago'
      : '';
    setText($(el, '[data-k="carts"]'), node.carts === null ? '—' : node.carts);
    var were = node.carts === null ? 'down'
      : col.d.lostWithNode ? plural(node.carts, 'cart was here', 'carts were here')
        : col.d.deadNote ? plural(node.carts, 'cart', 'carts') + ', ' + col.d.deadNote : 'no cart was kept here';
    setText($(el, '[data-k="were"]'), were);
    $(el, '[data-k="were"]').classList.toggle('kept', !col.d.lostWithNode);
    el.querySelectorAll('[data-node-action]').forEach(function (b) {
      var base = b.dataset.base;
      var toggle = TOGGLES[base];
      var on = toggle ? toggle[1](node) : false;
      var action = on ? toggle[0] : base;
      b.dataset.nodeAction = action;
      setText(b, labels.node[action] || action);
      b.disabled = !node.alive || (base === 'drain' && node.process === 'frozen');
    });
  }

  function showFig(el, key, text, bad) {
    var dd = $(el, '[data-k="' + key + '"]');
    var shown = text !== null && text !== undefined;
    dd.hidden = !shown;
    $(el, '[data-k="' + key + 'Label"]').hidden = !shown;
    if (shown) setText(dd, text);
    dd.classList.toggle('bad', Boolean(bad));
  }

  function renderColumn(col, view, traffic) {
    var seen = {};
    view.nodes.forEach(function (n) { seen[n.id] = true; renderCard(col, n); });
    Object.keys(col.cards).forEach(function (id) { if (!seen[id]) { col.cards[id].remove(); delete col.cards[id]; } });
    var lost = (traffic ? traffic.verdicts.lost : 0) + view.presenter.lostCarts;
    setText(field(col, 'lost'), lost);
    setText(field(col, 'lost-label'), lost === 1 ? 'cart lost' : 'carts lost');
    field(col, 'lost-box').classList.toggle('bad', lost > 0);
    setText(field(col, 'checked'), (traffic ? traffic.checked : 0) + (view.presenter.writes > 0 ? 1 : 0));
    setText(field(col, 'unsure'), traffic ? traffic.verdicts.indeterminate + traffic.verdicts.excess : 0);
    col.d.status.forEach(function (key) {
      var s = $(col.el, '[data-status="' + key + '"]');
      var value = view.status[key] || '—';
      setText(s, (labels.status[key] || key) + ': ' + value);
      s.className = 'status-item ' + value;
    });
    col.el.querySelectorAll('[data-col-action]').forEach(function (b) {
      var when = (labels.column[b.dataset.colAction] || {}).enabledWhen;
      if (!when) return;
      b.disabled = Object.keys(when).some(function (k) { return view.status[k] !== when[k]; });
    });
    col.el.querySelectorAll('[data-policy]').forEach(function (b) {
      b.classList.toggle('on', b.dataset.policy === view.stickyMiss);
    });
    $(col.el, '.shop-link').href = location.protocol + '//' + location.hostname + ':' + view.port + '/';
    renderPresenter(col, view.presenter, view.nodes);
    renderLegend(col, view);
  }

  function renderPresenter(col, p, nodes) {
    if (!col.productsShown && p.products.length) {
      field(col, 'products').innerHTML = p.products.slice(0, SHOWN_PRODUCTS).map(function (pr) {
        return '<button class="product" data-product="' + esc(pr.id) + '" data-name="' + esc(pr.name) + '">' +
          '<span class="name">' + esc(pr.name) + '</span><span class="add">+</span></button>';
      }).join('');
      col.productsShown = true;
    }
    var box = field(col, 'your-cart');
    var text, cls;
    var items = p.items === null ? 0 : p.items;
    if (p.verdict === 'lost') {
      // "lost with X" only when X died; a live X still holds the cart, and the balancer sent the shopper elsewhere.
      var holder = (nodes || []).find(function (n) { return n.id === p.lostOn; });
      text = 'your cart: lost' +
        (!p.lostOn ? '' : holder && holder.alive ? ', left on ' + p.lostOn : ' with ' + p.lostOn);
      cls = 'lost';
    }
    else if (p.verdict === 'empty') { text = 'your cart: empty'; cls = ''; }
    else if (p.readError) { text = 'your cart: cannot be read right now'; cls = 'unsure'; }
    else if (p.verdict === 'intact') {
      text = 'your cart: ' + plural(items, 'item', 'items') + ', intact'; cls = 'intact';
    }
    else if (p.verdict === 'excess') {
      text = 'your cart: ' + plural(items, 'item', 'items') + ', more than you added'; cls = 'unsure';
    }
    else { text = 'your cart: ' + plural(items, 'item', 'items') + ', unsure'; cls = 'unsure'; }
    setText(box, text);
    box.className = 'your-cart ' + cls;
    setText(field(col, 'cart-count'), 'Cart (' + items + ')');
    var where = [];
    if (p.storedBy) where.push('stored by ' + p.storedBy);
    setText(field(col, 'stored'), where.join(' · '));
  }

  function renderLegend(col, view) {
    var html = view.nodes.map(function (n) {
      return '<span><svg width="34" height="10" aria-hidden="true">' +
        '<line x1="0" y1="5" x2="34" y2="5" stroke="' + col.colors[n.id] +
        '" stroke-width="4" stroke-dasharray="' + col.dashes[n.id].join(' ') + '"/></svg>' + n.id + '</span>';
    }).join('');
    var legend = field(col, 'legend');
    if (legend.innerHTML !== html) legend.innerHTML = html;
  }

  function renderCharts() {
    order.forEach(function (name) {
      var col = cols[name];
      var ids = Object.keys(col.colors);
      var point = function (p) { return (p.columns && p.columns[name]) || { rps: {}, errors: 0 }; };
      dashboardCharts.draw($(col.el, '[data-chart="rps"]'), ids.map(function (id) {
        return {
          name: id, color: col.colors[id], dash: col.dashes[id],
          values: history.map(function (p) { return point(p).rps[id] || 0; })
        };
      }), 5);
      dashboardCharts.draw($(col.el, '[data-chart="errors"]'), [{
        name: 'errors/s', color: '#e5484d', values: history.map(function (p) { return point(p).errors; })
      }], 2);
    });
  }

  function renderTraffic(t) {
    document.getElementById('traffic-on').checked = t.on;
    if (!sliderBusy) {
      slider.max = t.maxRate; slider.value = t.rate; setText(document.getElementById('traffic-rate-value'), t.rate);
    }
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
    if (!order.length) {
      labels = state.labels;
      order = state.order;
      document.getElementById('columns').style.setProperty('--cols', String(order.length));
      order.forEach(function (name) { cols[name] = makeColumn(state.columns[name]); });
    }
    order.forEach(function (name) { renderColumn(cols[name], state.columns[name], state.traffic.columns[name]); });
    renderTraffic(state.traffic);
    renderExperiment(state.experiment);
  }

  function connect() {
    var conn = document.getElementById('conn');
    var es = new EventSource('/api/events');
    es.addEventListener('snapshot', function (ev) {
      var d = JSON.parse(ev.data); history = d.history; render(d.state); renderCharts();
    });
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
    slider.addEventListener('input', function () {
      sliderBusy = true; setText(document.getElementById('traffic-rate-value'), slider.value);
    });
    slider.addEventListener('change', function () {
      act('/api/traffic', { rate: Number(slider.value) }, slider.value + ' shoppers/s')
        .then(function () { sliderBusy = false; });
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
    select.addEventListener('change', function () {
      setText(document.getElementById('exp-shows'), shows[select.value] || '');
    });
    document.getElementById('exp-run').addEventListener('click', function () {
      act('/api/experiments/run', {
        name: select.value, duration: Number(document.getElementById('exp-duration').value)
      }, 'experiment started');
    });
    document.getElementById('exp-stop').addEventListener('click', function () {
      act('/api/experiments/stop', {}, 'experiment stopped');
    });
  }

  setupControls();
  connect();
  window.dashboard = { state: function () { return lastState; } };
})();
