import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'settings')!;

describe('drill: the Settings tab deleted, then Set up run again', () => {
  it('"Setup can be run again at any time: it repairs missing tabs" (README), and no submission meanwhile is lost or made twice', () => {
    expectClean(drill.run('fast'));
  });
});
