/**
 * Builds what clasp pushes: build/Code.js, build/appsscript.json and the HTML files.
 *
 * Apps Script only sees functions declared at the top level of a file, so the bundle is an IIFE whose
 * exports are re-declared as top-level delegating functions. The build refuses to finish when a trigger
 * or menu item names a function that is not one of those entry points: such a mistake would otherwise
 * only show up as "Script function not found" in production.
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';

export const BUNDLE_GLOBAL = 'Complaints';
const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'build');

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

interface NamedReference {
  kind: 'newTrigger' | 'addItem' | 'google.script.run';
  name: string;
  where: string;
}

/** Finds every function name handed to ScriptApp.newTrigger or Menu.addItem in the TypeScript sources. */
function referencedHandlers(files: string[]): { refs: NamedReference[]; problems: string[] } {
  const refs: NamedReference[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const argIndex = method === 'newTrigger' ? 0 : method === 'addItem' ? 1 : -1;
        if (argIndex >= 0) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          const where = `${relative(ROOT, file)}:${line + 1}`;
          const arg = node.arguments[argIndex];
          if (arg && ts.isStringLiteralLike(arg)) {
            refs.push({ kind: method as 'newTrigger' | 'addItem', name: arg.text, where });
          } else {
            problems.push(
              `${where}: ${method}() must name its handler with a string literal so the build can check it`,
            );
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { refs, problems };
}

/** Finds `google.script.run[.withX(...)].name(` calls in sidebar and dialog HTML (handlers may nest parens). */
function htmlHandlers(files: string[]): NamedReference[] {
  const refs: NamedReference[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/google\.script\.run\b/g)) {
      let i = match.index + match[0].length;
      for (;;) {
        const step = /^\s*\.\s*(\w+)\s*\(/.exec(text.slice(i));
        if (!step) break;
        i += step[0].length;
        if (!step[1]!.startsWith('with')) {
          const line = text.slice(0, match.index).split('\n').length;
          refs.push({ kind: 'google.script.run', name: step[1]!, where: `${relative(ROOT, file)}:${line}` });
          break;
        }
        for (let depth = 1; depth > 0 && i < text.length; i++) {
          if (text[i] === '(') depth++;
          else if (text[i] === ')') depth--;
        }
      }
    }
  }
  return refs;
}

export interface BuildReport {
  entryPoints: string[];
  bytes: number;
  htmlFiles: string[];
}

export interface BuildOptions {
  minify?: boolean;
  /** Source folder holding main.ts and the HTML files; tests point it at fixtures. */
  srcDir?: string;
  outDir?: string;
  manifest?: string;
}

export async function buildProject(options: BuildOptions = {}): Promise<BuildReport> {
  const srcDir = options.srcDir ?? SRC;
  const outDir = options.outDir ?? OUT;
  const result = await build({
    entryPoints: [join(srcDir, 'main.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    minifySyntax: true,
    minifyWhitespace: options.minify ?? true,
    // Names stay readable: Apps Script's execution log shows stack traces from this file.
    minifyIdentifiers: false,
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const bundle = result.outputFiles[0]!.text;

  // The bundle must evaluate with nothing but ECMAScript built-ins: that is all Apps Script gives it at load.
  const sandbox: Record<string, unknown> = {};
  runInNewContext(`${bundle}\nthis.__exports = ${BUNDLE_GLOBAL};`, sandbox, { filename: 'Code.js' });
  const exported = sandbox.__exports as Record<string, unknown>;
  const entryPoints = Object.keys(exported)
    .filter((name) => typeof exported[name] === 'function')
    .sort();
  const notFunctions = Object.keys(exported).filter((name) => typeof exported[name] !== 'function');
  if (notFunctions.length > 0) {
    throw new Error(`src/main.ts may export only entry-point functions; found: ${notFunctions.join(', ')}`);
  }

  const htmlFiles = walk(srcDir, '.html');
  const { refs, problems } = referencedHandlers(walk(srcDir, '.ts'));
  refs.push(...htmlHandlers(htmlFiles));
  for (const ref of refs) {
    if (!entryPoints.includes(ref.name)) {
      problems.push(`${ref.where}: ${ref.kind} names "${ref.name}", which src/main.ts does not export`);
    }
  }
  if (problems.length > 0) throw new Error(`Build refused:\n  ${problems.join('\n  ')}`);

  const stubs = entryPoints
    .map((name) => `function ${name}(...args) { return ${BUNDLE_GLOBAL}.${name}(...args); }`)
    .join('\n');
  const code = `${bundle}\n${stubs}\n`;

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'Code.js'), code);
  copyFileSync(options.manifest ?? join(ROOT, 'appsscript.json'), join(outDir, 'appsscript.json'));
  for (const file of htmlFiles) copyFileSync(file, join(outDir, basename(file)));
  return { entryPoints, bytes: Buffer.byteLength(code), htmlFiles: htmlFiles.map((f) => basename(f)) };
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  buildProject({ minify: !process.argv.includes('--readable') })
    .then((report) => {
      console.log(
        `build/Code.js ${(report.bytes / 1024).toFixed(1)} KiB, ${report.entryPoints.length} entry points: ${report.entryPoints.join(', ')}`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
