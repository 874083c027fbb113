import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'columns')!;

describe('drill: a column inserted, moved or deleted during intake, the sweep, the sender and a staff edit', () => {
  it('"Rows are matched by reference and columns by header at the moment of writing" (DESIGN §2)', () => {
    expectClean(drill.run('fast'));
  });
});
