import type { PolicyProfile, Route } from '../../src/core/model';
import { CliError } from './errors';

/**
 * Intake then routing. A submission that fails intake cannot be routed, so its problems are the error
 * (one line on stderr, exit 2). Loaded on demand: the other commands do not need intake or routing.
 */
export async function routeSubmission(profile: PolicyProfile, stdin: string): Promise<Route> {
  let raw: unknown;
  try {
    raw = JSON.parse(stdin);
  } catch (e) {
    throw new CliError(`stdin is not valid JSON: ${(e as Error).message}`);
  }
  const { intake } = await import('../../src/core/intake');
  const { route } = await import('../../src/core/routing');
  const result = intake(raw);
  if (!result.ok) {
    const problems = result.problems.map((p) => `${p.field}: ${p.message.replace(/\.$/, '')}`).join('; ');
    throw new CliError(`submission failed intake: ${problems}`);
  }
  return route(profile, result.complaint);
}
