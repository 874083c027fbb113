import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'burst')!;

describe("drill: a burst of 200 submissions started inside one another's executions", () => {
  it('"Shared state (reference counter, appends) changes only under LockService": one case per submission, each letter once', () => {
    expectClean(drill.run('fast'));
  });
});
