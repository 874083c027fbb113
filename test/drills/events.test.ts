import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'events')!;

describe('drill: repeated and blank form events', () => {
  it('"blank or repeated form events" (DESIGN §4) make no second case, no empty case, and lose no response', () => {
    expectClean(drill.run('fast'));
  });
});
