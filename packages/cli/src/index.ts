// One way to read a command line: node:util parseArgs + zod (filled in by the #13 refactor).
export {};
