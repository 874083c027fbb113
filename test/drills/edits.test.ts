import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'edits')!;

describe('drill: staff edits racing the daily sweep at each of its calls', () => {
  it('"the script never overwrites a staff-owned cell" (DESIGN §2); a change put back is shown to staff', () => {
    expectClean(drill.run('fast'));
  });
});
