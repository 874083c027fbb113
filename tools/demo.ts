/** `npm start`: build, then run about sixty days of a realistic caseload on the emulator and write it out. */
import { buildProject } from './build';
import { demoScenario } from './scenario/demo';
import { writeSidebarDemo } from './sidebar-demo';
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
  // Summarised first: the sidebar's calls are runs of their own, not part of the demo's sixty days.
  const text = summary(result, options.out!);
  const shown = writeSidebarDemo(result.emu, options.out!);
  console.log(text);
  console.log(
    shown
      ? `Case sidebar for ${shown}: ${options.out!}/sidebar.html (open it in a browser)`
      : 'No open case to show in the case sidebar.',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
