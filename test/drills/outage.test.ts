import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'outage')!;

describe('drill: seven days without triggers', () => {
  it('"Nothing is dropped": the first sweep after the outage makes a case of every response, the sender sends each letter once', () => {
    expectClean(drill.run('fast'));
  });
});
