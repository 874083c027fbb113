/**
 * How a Cases row says its personal data was removed under the retention policy. The "What is due" cell
 * carries it: the sweep reads that column of every row anyway, so an anonymised case costs nothing more
 * to recognise, and staff see on the row itself why its details read "(removed)".
 */
import { formatDay } from '../core/labels';
import type { Cell } from './table';

const PREFIX = 'Personal data removed on ';

export function anonymisedReason(day: string): string {
  return `${PREFIX}${formatDay(day)} under the retention policy; nothing more to do`;
}

export function isAnonymised(cell: Cell): boolean {
  return typeof cell === 'string' && cell.replace(/^'/, '').startsWith(PREFIX);
}
