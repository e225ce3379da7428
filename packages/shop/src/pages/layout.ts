// The page frame shared by / and /cart: large, high-contrast type for a projector (and an iframe in the demo
// dashboard), the variant and the node that served the page always visible.
import { html, SafeHtml } from './escape.ts';
import { CLIENT_SCRIPT } from './client-script.ts';

export interface PageContext {
  readonly title: string;
  readonly variant: string;
  readonly nodeId: string;
  readonly cartCount: number;
  readonly name: string | undefined;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:20px/1.4 system-ui,sans-serif;background:#f6f7fb;color:#111}
header{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:center;padding:.7em 1.2em;background:#1d2540;color:#fff}
header a{color:#fff;text-decoration:none;font-weight:700}.brand{font-size:1.3em}
.badge{padding:.15em .6em;border-radius:1em;font-weight:700;font-size:.85em}
.stateful{background:#f5a623;color:#111}.stateless{background:#3ecf8e;color:#111}
.node{font-family:ui-monospace,monospace;background:#fff2;padding:.15em .5em;border-radius:.3em}
.spacer{flex:1}main{padding:1.2em;max-width:1200px;margin:0 auto}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:1em}
.card{background:#fff;border-radius:.6em;padding:1em;box-shadow:0 1px 4px #0002;
display:flex;flex-direction:column;gap:.4em}
.emoji{font-size:3em;line-height:1}.price{font-weight:700}
button{font:inherit;padding:.35em .9em;border:0;border-radius:.4em;background:#2b59c3;color:#fff;cursor:pointer}
button.secondary{background:#ccd}input{font:inherit;padding:.25em .4em;width:5em}
table{width:100%;border-collapse:collapse;background:#fff}
td,th{padding:.5em;border-bottom:1px solid #dde;text-align:left}
#status{min-height:1.5em;margin:.5em 0;font-weight:600}.error{color:#b00020}form{display:inline-flex;gap:.4em}
`;

export function layout(ctx: PageContext, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${ctx.title} · stateshift shop</title><style>${new SafeHtml(STYLE)}</style></head>
<body><header>
<a class="brand" href="/">🛒 stateshift shop</a>
<span class="badge ${ctx.variant}" id="variant">${ctx.variant}</span>
<span>served by <span class="node" id="served-by">${ctx.nodeId}</span></span>
<span class="spacer"></span>
${ctx.name === undefined
    ? html`<form id="login"><input name="name" placeholder="your name" aria-label="your name"
      style="width:8em"><button>Log in</button></form>`
    : html`<span>Hi, <strong id="user">${ctx.name}</strong></span><button class="secondary"
      id="logout">Log out</button>`}
<a href="/cart">Cart (<span id="cart-count">${ctx.cartCount}</span>)</a>
</header><main><h1>${ctx.title}</h1><div id="status" role="status"></div>${body}</main>
<script>${new SafeHtml(CLIENT_SCRIPT)}</script></body></html>`.value;
}
