// Keeps the last lines a child wrote (stdout and stderr), so a failed start can say why. Always drains the
// pipes: a child must never block on a full pipe because nobody reads it.
import type { Readable } from 'node:stream';

export type OutputListener = (line: string, stream: 'stdout' | 'stderr') => void;

export interface OutputTail {
  lines(): string[];
  text(): string;
}

export function tailOutput(
  stdout: Readable | null, stderr: Readable | null, max = 40, onLine?: OutputListener,
): OutputTail {
  const kept: string[] = [];
  const follow = (stream: Readable | null, name: 'stdout' | 'stderr') => {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) push(line, name);
    });
    stream.on('end', () => { if (partial) push(partial, name); partial = ''; });
    stream.on('error', () => { /* the child is gone; nothing more to read */ });
  };
  const push = (line: string, name: 'stdout' | 'stderr') => {
    kept.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
    if (kept.length > max) kept.shift();
    onLine?.(line, name);
  };
  follow(stdout, 'stdout');
  follow(stderr, 'stderr');
  return { lines: () => [...kept], text: () => kept.join('\n') };
}
