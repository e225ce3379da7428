// The pages' small inline script: add to cart, change quantity, remove, checkout, log in and out, through
// the JSON API. It shows which node answered each call (x-served-by) and reloads after cart changes.
export const CLIENT_SCRIPT = `
(function () {
  var statusEl = document.getElementById('status');
  function show(text, isError) { statusEl.textContent = text; statusEl.className = isError ? 'error' : ''; }
  function key() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }
  function call(method, path, body, headers) {
    var h = Object.assign({ 'content-type': 'application/json' }, headers || {});
    return fetch(path, {
      method: method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
      .then(function (res) {
        var node = res.headers.get('x-served-by') || '?';
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (!res.ok) throw new Error(((data.error && data.error.message) || res.statusText) + ' (node ' + node + ')');
          return { data: data, node: node };
        });
      });
  }
  function count(cart) { return cart.items.reduce(function (n, i) { return n + i.quantity; }, 0); }
  function fail(err) { show(err.message, true); }
  document.addEventListener('click', function (ev) {
    var t = ev.target.closest('button[data-action]');
    if (!t) return;
    var id = t.getAttribute('data-id'), action = t.getAttribute('data-action');
    if (action === 'add') call('POST', '/api/cart/items', { productId: id, quantity: 1 }).then(function (r) {
      document.getElementById('cart-count').textContent = count(r.data);
      show('Added ' + t.getAttribute('data-name') + ' · stored by ' + r.node);
    }).catch(fail);
    if (action === 'remove') {
      call('DELETE', '/api/cart/items/' + encodeURIComponent(id)).then(function () { location.reload(); }).catch(fail);
    }
    if (action === 'checkout') {
      call('POST', '/api/checkout', undefined, { 'idempotency-key': key() }).then(function (r) {
        location.href = '/cart?order=' + encodeURIComponent(r.data.orderId);
      }).catch(fail);
    }
  });
  document.addEventListener('change', function (ev) {
    var t = ev.target;
    if (!t.matches || !t.matches('input[data-id]')) return;
    call('PATCH', '/api/cart/items/' + encodeURIComponent(t.getAttribute('data-id')), { quantity: Number(t.value) })
      .then(function () { location.reload(); }).catch(fail);
  });
  var login = document.getElementById('login');
  if (login) login.addEventListener('submit', function (ev) {
    ev.preventDefault();
    call('POST', '/api/login', { name: login.elements.name.value })
      .then(function () { location.reload(); }).catch(fail);
  });
  var logout = document.getElementById('logout');
  if (logout) logout.addEventListener('click', function () {
    call('POST', '/api/logout').then(function () { location.reload(); }).catch(fail);
  });
})();
`;
