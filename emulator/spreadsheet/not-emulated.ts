/**
 * A member of Google's class that the emulator does not implement must fail loudly where the script uses
 * it, not read as `undefined` ("x is not a function") or quietly do nothing: the failure names what a
 * test would need emulated. Each emulated class gets a throwing stand-in, on its prototype, for every
 * member of Google's interface (./google-members.ts) that it does not define.
 */
import type { GoogleSurface } from './google-members';

export function notEmulated(className: string, member: string): never {
  throw new Error(`not emulated: ${className}.${member}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor, whatever its parameters
export type Constructor = abstract new (...args: any[]) => object;

export function guardUnemulated(ctor: Constructor, surface: GoogleSurface): void {
  const proto = ctor.prototype as object;
  const { className } = surface;
  for (const member of surface.methods) {
    if (member in proto) continue;
    Object.defineProperty(proto, member, {
      configurable: true,
      value: function unemulated(): never {
        return notEmulated(className, member);
      },
    });
  }
  // Enum-like properties (SpreadsheetApp.Dimension, Ui.ButtonSet): reading one that is not emulated throws;
  // a class that defines it as an instance field simply shadows the stand-in.
  for (const member of surface.properties) {
    if (member in proto) continue;
    Object.defineProperty(proto, member, {
      configurable: true,
      get(): never {
        return notEmulated(className, member);
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, member, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

/** The Google members a class leaves to the guard: what a test can expect to throw "not emulated". */
export function unemulatedMembers(ctor: Constructor, surface: GoogleSurface): string[] {
  const proto = ctor.prototype as Record<string, unknown>;
  return surface.methods.filter((m) => {
    const value = Object.getOwnPropertyDescriptor(proto, m)?.value as { name?: string } | undefined;
    return value?.name === 'unemulated';
  });
}
