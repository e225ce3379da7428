// The report CLI's only environment input, read once: the folder the user typed the command in (pnpm runs
// scripts from the package root and passes the caller's folder as INIT_CWD), so relative paths mean what they say.
export type ReportCliConfig = Readonly<{ cwd: string }>;

export function loadConfig(env: NodeJS.ProcessEnv, fallbackCwd: string): ReportCliConfig {
  const initCwd = env.INIT_CWD;
  return Object.freeze({ cwd: initCwd && initCwd.trim() ? initCwd : fallbackCwd });
}
