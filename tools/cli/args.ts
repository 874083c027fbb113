import { CliError } from './errors';

export const COMMANDS = ['route', 'clocks', 'policies', 'policy', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export interface ParsedArgs {
  command: Command;
  /** Positional arguments after the command (e.g. the id in `policy <id>`). */
  positional: string[];
  options: Record<string, string>;
}

const OPTIONS: Record<Command, readonly string[]> = {
  route: ['policy'],
  clocks: ['policy', 'received', 'closed', 'appealed', 'closures'],
  policies: [],
  policy: [],
  help: [],
};

/** `--name value` or `--name=value`; every option takes a value. `--help` anywhere means help. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    return { command: 'help', positional: [], options: {} };
  }
  const [first, ...rest] = argv;
  if (!isCommand(first)) throw new CliError(`unknown command "${first}" (try --help)`);
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (!OPTIONS[first].includes(name)) throw new CliError(`unknown option --${name} for "${first}"`);
    const value = eq < 0 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new CliError(`option --${name} needs a value`);
    }
    options[name] = value;
  }
  return { command: first, positional, options };
}

function isCommand(s: string | undefined): s is Command {
  return (COMMANDS as readonly string[]).includes(s ?? '');
}

export function required(args: ParsedArgs, name: string): string {
  const value = args.options[name];
  if (value === undefined) throw new CliError(`missing option --${name} for "${args.command}"`);
  return value;
}

export const USAGE = `Usage: npm run --silent cli -- <command> [options]

Check a policy profile before go-live. Dates are Europe/London calendar days.

Commands:
  policies                      list the built-in policies: id and name, one a line
  policy <id>                   print a summary of one policy
  route --policy <id>           read one submission as JSON on stdin, run intake then routing and
                                print the route as JSON. A submission that fails intake cannot be
                                routed: its problems go to stderr on one line, exit code 2.
  clocks --policy <id> --received <instant> [--closed <YYYY-MM-DD>] [--appealed <instant>]
         [--closures <YYYY-MM-DD,...>]
                                print the deadlines as JSON: acknowledgeBy, updateBy, appealBy,
                                appealAcknowledgeBy, appealDecisionBy (null where the policy has no
                                such clock, or it does not apply: no updateBy once closed). <instant>
                                is ISO 8601 with a zone (2026-06-01T23:30:00Z) or a bare date (that
                                London day). appealBy assumes a route that has an appeal body.

Exit codes: 0 done; 2 bad input (one line on stderr naming the problem); 1 an internal error.
`;
