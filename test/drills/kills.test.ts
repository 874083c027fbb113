import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'kills')!;

describe('drill: a kill at every state-changing call of intake, the sweep and the sender', () => {
  it('nothing lost, sent twice or misplaced once the next sweep and sender have run (DESIGN §3: "A retried run never sends twice")', () => {
    expectClean(drill.run('fast'));
  });
});
