// A plain HTML list of a folder under /reports/ when it has no index.html: one link per visible entry,
// newest name first (run folders start with their date). Names are escaped; nothing else is read.
import { readdir } from 'node:fs/promises';

export async function folderListing(dir: string, urlPath: string): Promise<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => b.name.localeCompare(a.name));
  const items = entries.map((e) => {
    const name = e.isDirectory() ? `${e.name}/` : e.name;
    return `<li><a href="${esc(encodeURIComponent(e.name))}${e.isDirectory() ? '/' : ''}">${esc(name)}</a></li>`;
  });
  const list = items.length
    ? `<ul>${items.join('')}</ul>`
    : '<p>No runs yet: start one from the dashboard or with <code>pnpm experiment</code>.</p>';
  return '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    + `<title>${esc(urlPath)}</title><link rel="icon" href="data:,">\n`
    + '<style>body{font:20px/1.5 system-ui,sans-serif;background:#0f1422;color:#f4f6fb;padding:1em 2em}'
    + 'a{color:#8fb8ff}</style></head>\n'
    + `<body><h1>${esc(urlPath)}</h1>${list}</body></html>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
