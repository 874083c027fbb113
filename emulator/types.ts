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
