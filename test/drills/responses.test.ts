import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'responses')!;

describe('drill: form response rows deleted, sorted and the tab renamed between submissions', () => {
  it('"Form responses are identified by what they are (timestamp + answers), never by row number" (DESIGN §2)', () => {
    expectClean(drill.run('fast'));
  });
});
