/** Minimal `--name value` option parsing for the project's commands; unknown options are an error. */
export function parseOptions(
  argv: readonly string[],
  defaults: Record<string, string>,
  allowed: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const name = arg.slice(2);
    if (!allowed.includes(name))
      throw new Error(`unknown option --${name} (expected ${allowed.map((a) => `--${a}`).join(', ')})`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    out[name] = value;
    i++;
  }
  return out;
}
