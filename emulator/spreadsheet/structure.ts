/**
 * Where rows or columns go when a tab is reshaped (inserted, deleted or moved lines), and what that does to
 * the ranges the sheet keeps: conditional-format ranges and protected ranges move with their cells, as in
 * Sheets. A range grows when lines are inserted strictly inside it, shrinks when some of its lines are
 * deleted, disappears when all are, and splits when a move separates its lines.
 */

/** Inclusive span of 1-based line numbers. */
export interface Span {
  start: number;
  end: number;
}

export type Reshape =
  | { kind: 'insert'; at: number; count: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'move'; from: number; count: number; to: number };

/** The new position of line `i`, or null when it was deleted. */
export function newPosition(op: Reshape, i: number): number | null {
  switch (op.kind) {
    case 'insert':
      return i >= op.at ? i + op.count : i;
    case 'delete':
      if (i < op.at) return i;
      return i < op.at + op.count ? null : i - op.count;
    case 'move': {
      // `to` is the position, in the sheet before the move, in front of which the lines land
      // (Sheet.moveColumns/moveRows destinationIndex).
      const end = op.from + op.count;
      if (i >= op.from && i < end) return (op.to > op.from ? op.to - op.count : op.to) + (i - op.from);
      if (op.to > op.from && i >= end && i < op.to) return i - op.count;
      if (op.to < op.from && i >= op.to && i < op.from) return i + op.count;
      return i;
    }
  }
}

/** The spans a span becomes. */
export function reshapeSpan(span: Span, op: Reshape): Span[] {
  if (op.kind === 'insert') {
    // Lines inserted strictly inside the span widen it; at its start they push it along.
    const start = span.start >= op.at ? span.start + op.count : span.start;
    const end = span.end >= op.at ? span.end + op.count : span.end;
    return [{ start, end }];
  }
  const lines: number[] = [];
  for (let i = span.start; i <= span.end; i++) {
    const p = newPosition(op, i);
    if (p !== null) lines.push(p);
  }
  lines.sort((a, b) => a - b);
  const spans: Span[] = [];
  for (const line of lines) {
    const last = spans[spans.length - 1];
    if (last && line === last.end + 1) last.end = line;
    else spans.push({ start: line, end: line });
  }
  return spans;
}

/**
 * Rearranges a list of lines (index 0 is line 1) as the sheet's lines are. The list may stop short of the
 * sheet's last line (the emulator stores lines only up to the last one touched).
 */
export function reshapeList<T>(items: T[], op: Reshape, blank: () => T): T[] {
  const out = [...items];
  switch (op.kind) {
    case 'insert':
      if (op.at - 1 <= out.length) out.splice(op.at - 1, 0, ...Array.from({ length: op.count }, blank));
      return out;
    case 'delete':
      out.splice(op.at - 1, op.count);
      return out;
    case 'move': {
      while (out.length < Math.max(op.from + op.count - 1, op.to - 1)) out.push(blank());
      const moved = new Array<T>(out.length);
      out.forEach((item, i) => (moved[newPosition(op, i + 1)! - 1] = item));
      return moved;
    }
  }
}
