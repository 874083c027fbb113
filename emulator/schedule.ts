/**
 * Seeded schedules for drills: given a seed, which service calls of an execution get something done in
 * the gap before them (a staff edit, a form response, another trigger's run, a kill). The same seed always
 * gives the same schedule, so a drill that finds a lost update can be replayed from its seed.
 *
 * Whatever runs in a gap runs as production would have it: a whole other execution, which takes and waits
 * for locks like any other (a lock the interrupted run holds is refused after the full wait, see
 * EmulatedLock), while single service calls and host events (a form response landing in its tab, a staff
 * edit of one cell) stay atomic.
 */
import type { Emulator, InterleaveHook } from './index';

/** Something to do in a gap: a name for the report, and the work (or 'kill'). */
export interface DrillAction {
  name: string;
  do: InterleaveHook['do'];
}

export interface DrillOptions {
  /** The handler whose execution is interrupted (any when omitted). */
  fn?: string;
  /** How many service calls that execution makes (a dry run's `stats.sequence.length`): gaps are 1..calls. */
  calls: number;
  /** One action in each window of this many calls, at a seeded place in the window. */
  every?: number;
  /** Or this many actions at distinct seeded calls (1 when neither is given). */
  count?: number;
  actions: DrillAction[];
}

export interface DrillStep {
  atCall: number;
  action: DrillAction;
}

/** mulberry32: a small, well-distributed 32-bit generator; enough for picking gaps, not for secrets. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The schedule a seed gives: steps in call order. */
export function planDrill(seed: number, options: DrillOptions): DrillStep[] {
  if (options.actions.length === 0) throw new Error('A drill needs at least one action');
  if (options.calls < 1) throw new Error('A drill needs an execution that makes at least one call');
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const calls: number[] = [];
  if (options.every !== undefined) {
    if (options.every < 1) throw new Error('every must be at least 1');
    for (let start = 1; start <= options.calls; start += options.every) {
      const end = Math.min(options.calls, start + options.every - 1);
      calls.push(start + Math.floor(random() * (end - start + 1)));
    }
  } else {
    const count = Math.min(options.count ?? 1, options.calls);
    const all = Array.from({ length: options.calls }, (_, i) => i + 1);
    for (let i = 0; i < count; i++) calls.push(all.splice(Math.floor(random() * all.length), 1)[0]!);
    calls.sort((a, b) => a - b);
  }
  return calls.map((atCall) => ({ atCall, action: pick(options.actions) }));
}

/** Ready-made actions for drills. */
export const drill = {
  /** A staff member edits one cell (as `as`, when given, then the previous active user again). */
  edit(sheet: string, a1: string, value: unknown, as?: string): DrillAction {
    return {
      name: `edit ${sheet}!${a1}`,
      do: (emu: Emulator) => {
        const before = emu.activeUserEmail;
        if (as) emu.setActiveUser(as);
        try {
          emu.edit(sheet, a1, value);
        } finally {
          emu.setActiveUser(before);
        }
      },
    };
  },
  /** A member of the public submits the form. */
  submit(answers: Record<string, string | string[]>): DrillAction {
    return { name: 'form response', do: (emu: Emulator) => void emu.submitForm(answers) };
  },
  /** Another execution of a handler (a trigger firing, or a person running it from the menu). */
  run(fn: string, ...args: unknown[]): DrillAction {
    return { name: `run ${fn}`, do: (emu: Emulator) => void emu.run(fn, ...args) };
  },
  /** Google ends the execution there, as its time limit does. */
  kill: { name: 'kill', do: 'kill' } as DrillAction,
};
