// Read-only files under one folder (the page's assets, the reports). A path that leaves the folder, hidden
// files, symlinks out and anything but a regular file answer 404; only GET and HEAD reach here.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { DemoError } from '../errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/** `relPath` is the URL path below the mount point, still percent-encoded. */
export async function serveFile(res: ServerResponse, root: string, relPath: string, head = false): Promise<void> {
  const file = await resolveInside(root, relPath);
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff', 'cache-control': 'no-cache',
  });
  if (head) { res.end(); return; }
  createReadStream(file).pipe(res);
}

async function resolveInside(root: string, relPath: string): Promise<string> {
  const notFound = new DemoError('DEMO_ERR_NOT_FOUND', `no file /${relPath}`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    throw notFound;
  }
  const parts = decoded.split(/[/\\]+/).filter(Boolean);
  if (decoded.includes('\0') || parts.some((p) => p === '..' || p.startsWith('.'))) throw notFound;
  try {
    const base = await realpath(resolve(root));
    let file = await realpath(join(base, ...parts));
    if ((await stat(file)).isDirectory()) file = await realpath(join(file, 'index.html'));
    if (file !== base && !file.startsWith(base + sep)) throw notFound;
    if (!(await stat(file)).isFile()) throw notFound;
    return file;
  } catch {
    throw notFound;
  }
}
