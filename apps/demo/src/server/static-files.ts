// Read-only files under one folder (the page's assets, the reports). A path that leaves the folder, hidden
// files, symlinks out and anything but a regular file answer 404; only GET and HEAD reach here.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { DemoError } from '../errors.ts';
import { folderListing } from './folder-listing.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/** `relPath` is the URL path below the mount point, still percent-encoded. */
export async function serveFile(
  res: ServerResponse, root: string, relPath: string, head = false, listFolders = false,
): Promise<void> {
  const file = await resolveInside(root, relPath, listFolders);
  if (file.folder) {
    const html = await folderListing(file.path, `/${relPath}`);
    res.writeHead(200, { 'content-type': TYPES['.html'] as string, 'cache-control': 'no-cache' });
    res.end(head ? undefined : html);
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff', 'cache-control': 'no-cache',
  });
  if (head) { res.end(); return; }
  createReadStream(file.path).pipe(res);
}

async function resolveInside(
  root: string, relPath: string, listFolders: boolean,
): Promise<{ path: string; folder: boolean }> {
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
    if (file !== base && !file.startsWith(base + sep)) throw notFound;
    if ((await stat(file)).isDirectory()) {
      const index = join(file, 'index.html');
      if (listFolders && !(await exists(index))) return { path: file, folder: true };
      file = await realpath(index);
      if (!file.startsWith(base + sep)) throw notFound;
    }
    if (!(await stat(file)).isFile()) throw notFound;
    return { path: file, folder: false };
  } catch {
    throw notFound;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
