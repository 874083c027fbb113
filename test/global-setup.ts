import { existsSync } from 'node:fs';
import { buildProject } from '../tools/build.js';

// Integration tests load the built bundle; build it once if `npm test` has not already done so.
export default async function setup(): Promise<void> {
  if (!existsSync(new URL('../build/Code.js', import.meta.url))) await buildProject();
}
