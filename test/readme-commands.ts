// Pulls every `pnpm ...` command out of a Markdown file: lines of fenced code blocks (comments and leading
// VAR=value assignments removed, `a && b` split) and inline code spans that start with `pnpm `.
export function pnpmCommands(markdown: string): string[] {
  const commands: string[] = [];
  const fences = markdown.split(/^```/m);
  fences.forEach((part, i) => {
    if (i % 2 === 1) {
      for (const raw of part.split('\n').slice(1)) commands.push(...fromLine(raw));
    } else {
      for (const m of part.matchAll(/`(pnpm [^`]+)`/g)) commands.push(...fromLine(m[1]!));
    }
  });
  return commands;
}

function fromLine(raw: string): string[] {
  const line = raw.replace(/\s+#.*$/, '').trim();
  return line.split('&&').map((c) => c.trim().replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, ''))
    .filter((c) => c.startsWith('pnpm ') || c === 'pnpm');
}
