import { parseArgs, required, USAGE } from './args';
import { clockDates, loadProfile, parseClockInputs, policiesText, policyText } from './commands';
import { routeSubmission } from './route';
import { CliError } from './errors';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The whole CLI as a function: argv in, output and exit code out. Stdin is read only by `route`. */
export async function runCli(argv: readonly string[], readStdin: () => Promise<string>): Promise<CliResult> {
  try {
    const args = parseArgs(argv);
    const out = (text: string): CliResult => ({ code: 0, stdout: `${text}\n`, stderr: '' });
    switch (args.command) {
      case 'help':
        return out(USAGE.trimEnd());
      case 'policies':
        return out(policiesText());
      case 'policy':
        return out(policyText(args));
      case 'route': {
        const profile = loadProfile(required(args, 'policy'));
        return out(JSON.stringify(await routeSubmission(profile, await readStdin()), null, 2));
      }
      case 'clocks': {
        const profile = loadProfile(required(args, 'policy'));
        return out(JSON.stringify(clockDates(profile, parseClockInputs(args)), null, 2));
      }
    }
  } catch (e) {
    if (e instanceof CliError) return { code: 2, stdout: '', stderr: `error: ${oneLine(e.message)}\n` };
    // A bug, not bad input: still one line, but a different code so scripts can tell them apart.
    return { code: 1, stdout: '', stderr: `internal error: ${oneLine(String(e))}\n` };
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
