/** The ordinary complaint the core tests start from; each test changes only what it is about. */
import type { Submission } from '../../src/core/model';

export const SUBMISSION: Submission = {
  channel: 'form',
  name: 'Alex Morgan',
  email: 'alex@example.org',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: 'Nobody answered my letters for six weeks.',
};
