/** Thin entry point: `npm run --silent cli -- --help`. The logic is in tools/cli/. */
import { runCli } from './cli/main';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const result = await runCli(process.argv.slice(2), readStdin);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
