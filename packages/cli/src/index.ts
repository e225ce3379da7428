// One way to read a command line: node:util parseArgs and an option table with zod schemas; errors name the flag,
// the value and what is accepted; --help comes from the table; a mistyped command gets "did you mean ...?".
export {
  CliError, CLI_ERRORS, CLI_ERROR_CODES, acceptedText, type CliErrorCode, type CliProblem,
} from './cli-error.ts';
export { didYouMean, editDistance, suggestion } from './did-you-mean.ts';
export { helpText, type HelpSection } from './help-text.ts';
export {
  HELP_OPTION, acceptedOf, defineOptions, intIn, listOf, numberWhere, oneOf, textWhere,
  type BooleanOption, type OptionSpec, type OptionTable, type OptionValues, type StringOption,
} from './option-table.ts';
export { parseOptions, type ParseOptions, type ParsedCommandLine } from './parse-options.ts';
export { pickCommand, wantsHelp } from './pick-command.ts';
export { readFlagsOrExit } from './flags-or-exit.ts';
