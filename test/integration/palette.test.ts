/**
 * The status palette stays readable for colour-blind staff: every pair of legend colours is still told
 * apart under simulated protanopia and deuteranopia (Machado et al. 2009, severity 1.0, linear RGB),
 * measured as CIEDE2000, and black text on each colour keeps a WCAG contrast ratio of at least 7:1.
 */
import { describe, expect, it } from 'vitest';
import { DASHBOARD_LEGEND } from '../../src/gas/status-colours';
import {
  DEUTERANOPIA,
  PROTANOPIA,
  ciede2000,
  contrastRatio,
  lab,
  linearRgb,
  simulate,
  type Rgb,
} from '../core/colour-vision';

/** Smallest CIEDE2000 difference any two statuses may have, as seen with each kind of vision. */
const MIN_DIFFERENCE = 12;

const VISIONS: [string, (c: Rgb) => Rgb][] = [
  ['typical', (c) => c],
  ['protanopia', (c) => simulate(c, PROTANOPIA)],
  ['deuteranopia', (c) => simulate(c, DEUTERANOPIA)],
];

function closestPair(colours: readonly string[], see: (c: Rgb) => Rgb): { pair: string; difference: number } {
  let out = { pair: '', difference: Infinity };
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) {
      const d = ciede2000(lab(see(linearRgb(colours[i]!))), lab(see(linearRgb(colours[j]!))));
      if (d < out.difference) out = { pair: `${colours[i]} / ${colours[j]}`, difference: d };
    }
  return out;
}

describe('the status palette', () => {
  it('computes CIEDE2000 as published (Sharma, Wu & Dalal 2005, test pairs 1, 2 and 7)', () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 3.1571, -77.2803], [50, 0, -82.7485])).toBeCloseTo(2.8615, 4);
    expect(ciede2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
  });

  it('simulates dichromacy: pure red and its protanope match lose most of their difference', () => {
    const red = linearRgb('#ff0000');
    const olive = linearRgb('#808000');
    const typical = ciede2000(lab(red), lab(olive));
    const protan = ciede2000(lab(simulate(red, PROTANOPIA)), lab(simulate(olive, PROTANOPIA)));
    expect(protan).toBeLessThan(typical / 2);
  });

  for (const [vision, see] of VISIONS) {
    it(`keeps every pair of statuses apart with ${vision} vision`, () => {
      const { pair, difference } = closestPair(
        DASHBOARD_LEGEND.map((l) => l.colour),
        see,
      );
      expect(difference, `closest pair ${pair}`).toBeGreaterThan(MIN_DIFFERENCE);
    });
  }

  it('would have failed the old overdue and met colours, which deuteranopes and protanopes confuse', () => {
    for (const [vision, see] of VISIONS.slice(1))
      expect(closestPair(['#f4c7c3', '#b7e1cd'], see).difference, vision).toBeLessThan(MIN_DIFFERENCE);
  });

  it('keeps black text readable on every colour (contrast ratio at least 7:1)', () => {
    for (const { status, colour } of DASHBOARD_LEGEND)
      expect(contrastRatio(linearRgb(colour), [0, 0, 0]), status).toBeGreaterThanOrEqual(7);
  });
});
