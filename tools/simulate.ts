/** `npm run simulate -- --policy <id> --scenario <file.json> --out <dir>`: replay a scenario file. */
import { readFileSync } from 'node:fs';
import { buildProject } from './build';
import { parseOptions } from './options';
import { parseScenario, simulate, summary, writeResults } from './simulation';
import { getProfile } from '../src/core/profile';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), {}, ['policy', 'scenario', 'out']);
  for (const required of ['policy', 'scenario', 'out']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  const profile = getProfile(options.policy!);
  let text: string;
  try {
    text = readFileSync(options.scenario!, 'utf8');
  } catch {
    throw new Error(`cannot read the scenario file ${options.scenario}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`the scenario file ${options.scenario} is not valid JSON`);
  }
  const scenario = parseScenario(json);
  await buildProject();
  const result = simulate(profile.id, scenario);
  writeResults(result, options.out!);
  console.error(summary(result, options.out!));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
