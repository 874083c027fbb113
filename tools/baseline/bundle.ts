/**
 * The built bundle with the naive baseline (naive.ts) appended, so both run on the same spreadsheet, set
 * up by the product, under the same cost model. Written to the system's temporary folder; build first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

export function baselineBundle(): string {
  const source = readFileSync(new URL('./naive.ts', import.meta.url), 'utf8');
  // Its exports become the script's top-level functions, as the product's entry points are.
  const naive = transformSync(source, { loader: 'ts', target: 'es2020' }).code.replace(/^export /gm, '');
  const dir = join(tmpdir(), 'opcc-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'Code.js');
  writeFileSync(path, `${readFileSync(new URL('../../build/Code.js', import.meta.url), 'utf8')}\n${naive}`);
  return path;
}
