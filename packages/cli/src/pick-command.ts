// The command word of a CLI with subcommands (`pnpm experiment <name>`, `pnpm bench <what>`, ...): one of a
// list, or a CliError naming the word, the accepted ones and the closest ("did you mean kill-node?").
import { CliError } from './cli-error.ts';
import { suggestion } from './did-you-mean.ts';

/** `noun` names what the word is in messages ("experiment", "command"). */
export function pickCommand<const C extends string>(word: string | undefined, commands: readonly C[], noun: string): C {
  if (word === undefined || word === '' || word.startsWith('-')) {
    throw new CliError('CLI_ERR_COMMAND', `name the ${noun}: ${commands.join(', ')}`,
      { flag: null, value: word, accepted: commands });
  }
  if ((commands as readonly string[]).includes(word)) return word as C;
  const message = `unknown ${noun} "${word}"${suggestion(word, commands)}; accepted: ${commands.join(', ')}`;
  throw new CliError('CLI_ERR_COMMAND', message,
    { flag: null, value: word, accepted: commands });
}

/** Whether `--help` or `-h` comes before any `--` terminator: help wins over every other problem. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--', argv[0] === '--' ? 1 : 0);
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
