import { describe, it } from 'vitest';
import { DRILLS } from './lib/catalogue';
import { expectClean } from './lib/expect-clean';

const drill = DRILLS.find((d) => d.id === 'fuzz')!;

describe('drill: fuzzed submissions (unicode, Welsh, RTL, emoji, HTML, leading = + - @, 50,000-character text)', () => {
  it('every submission is one case with each value under its header, no cell over 50,000 characters, no live formula (DESIGN §2)', () => {
    expectClean(drill.run('fast'));
  });
});
