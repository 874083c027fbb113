/** A problem with what the user typed or piped in: reported as one line on stderr, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}
