/** `npm start`: build, then run about sixty days of a realistic caseload on the emulator and write it out. */
import { buildProject } from './build';
import { demoScenario } from './scenario/demo';
import { simulate, summary, writeResults } from './simulation';
import { getProfile } from '../src/core/profile';
import { parseOptions } from './options';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), { policy: 'wiltshire', out: 'out/demo' }, [
    'policy',
    'out',
  ]);
  const profile = getProfile(options.policy!);
  await buildProject();
  const result = simulate(profile.id, demoScenario(profile));
  writeResults(result, options.out!);
  console.log(summary(result, options.out!));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
