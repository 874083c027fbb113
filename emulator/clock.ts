/** The emulator's virtual clock: the only source of "now" for the script and the services. */
export class Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(instant: number): void {
    this.current = instant;
  }
  /** Time passing inside an execution (Utilities.sleep, a lock wait). */
  advanceWithin(ms: number): void {
    this.current += Math.max(0, ms);
  }
}
