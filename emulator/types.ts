/**
 * Binding the emulator's classes to Google's published signatures (@types/google-apps-script), so that a
 * signature cannot drift from Google's without the type check failing.
 *
 * - `Pick<G, K>` for members that return plain values (strings, numbers, value grids, void).
 * - `Accepts<G, K>` for members that return Google objects (a Range, `this` for chaining): the emulator's
 *   member must accept the arguments Google's does (checked against the last overload), and returns the
 *   emulator's own object in place of Google's.
 */
export type Accepts<G, K extends keyof G> = {
  [P in K]: G[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never;
};

/** What a Google member returns when it is plain data rather than another Google object. */
type Scalar = string | number | boolean | Date | null | undefined;
type PlainResult = Scalar | void | Scalar[] | Scalar[][];

/**
 * Every member an emulated class shares with Google's interface, checked against Google's signature:
 * members that return plain data must match it (as `Pick` does), members that return Google objects must
 * accept its arguments (as `Accepts` does). Used as `class X implements Conforms<G, X>`, so a member
 * added to the class later is checked without anyone remembering to list it.
 */
export type Conforms<G, C> = {
  [K in Extract<keyof C, keyof G>]: G[K] extends (...args: infer A) => infer R
    ? [R] extends [PlainResult]
      ? G[K]
      : (...args: A) => unknown
    : unknown;
};

/**
 * @types declares Google's enums (Button, DataValidationCriteria, ...) as TypeScript enums, while the
 * emulator's enum values are the member names a script sees when it logs them ("YES", "VALUE_IN_LIST").
 * A member returning one is typed as Google's enum through this one cast.
 */
export function googleEnum<E>(name: string): E {
  return name as unknown as E;
}

/**
 * A member typed to take Google's object (a Range, a Sheet, a rule) can only work on the emulator's own;
 * anything else is refused with Google's message for an argument of the wrong type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor, whatever its parameters
export function emulated<T>(value: unknown, ctor: abstract new (...args: any[]) => T, method: string): T {
  if (value instanceof ctor) return value;
  throw new Error(
    `Exception: The parameters (${typeof value}) don't match the method signature for ${method}.`,
  );
}
