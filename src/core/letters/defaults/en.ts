/** Default letters in English. Plain words, short sentences; staff can change every one on the Templates tab. */
import type { LetterTemplate } from '../kinds';

/** Signed by the role the policy says writes the letter (KIND_INFO signedBy); the office's contact below. */
const SIGN_OFF = `Yours sincerely,

{{signature}}
{{officeName}}
{{officeContact}}`;

const T = (kind: LetterTemplate['kind'], subject: string, body: string, variant = ''): LetterTemplate => ({
  kind,
  language: 'en',
  variant,
  subject,
  body,
});

const REDIRECT_OPENING: Record<string, string> = {
  'police-and-crime-panel':
    'Your complaint is about the Police and Crime Commissioner’s own conduct, so it is not something our office can decide.',
  'police-force': 'Your complaint needs to go to the police rather than to our office.',
  grievance:
    'As a member of our staff, you can raise this through our internal procedure for staff concerns.',
  whistleblowing:
    'What you told us sounds like a report of serious wrongdoing. These reports have their own procedure, which protects the person who makes them.',
  'partner-organisation':
    'Your complaint is about an organisation we work with or fund. That organisation has its own complaints procedure and should look at it first.',
};

const redirect = (variant: string): LetterTemplate =>
  T(
    'redirect',
    'About your complaint ({{reference}})',
    `Dear {{name}},

Thank you for contacting the {{officeName}}. We received your complaint on {{receivedOn}} and gave it the reference {{reference}}.

${REDIRECT_OPENING[variant] ?? ''}

{{redirectExplanation}}

Who to contact: {{redirectContact}}.

{{consentSentence}}

If you think we have misunderstood your complaint, please reply to this letter and quote your reference.

${SIGN_OFF}`,
    variant,
  );

export const ENGLISH: LetterTemplate[] = [
  T(
    'acknowledgement',
    'We have received your complaint ({{reference}})',
    `Dear {{name}},

Thank you for contacting the {{officeName}}. We received your complaint on {{receivedOn}}. Your reference number is {{reference}}. Please quote it whenever you contact us about this complaint.

What happens next
{{whoSentence}}
{{updateSentence}}
If we need more information from you, we will contact you.

Help we can offer
Do you need any help or changes so you can take part? For example: large print, an interpreter, or phone calls only at certain times. Just reply to this letter and tell us.

{{appealSentence}}

${SIGN_OFF}`,
  ),
  redirect('police-and-crime-panel'),
  redirect('police-force'),
  redirect('grievance'),
  redirect('whistleblowing'),
  redirect('partner-organisation'),
  T(
    'not-eligible',
    'About your complaint ({{reference}})',
    `Dear {{name}},

Thank you for contacting the {{officeName}}. We received your complaint on {{receivedOn}} and gave it the reference {{reference}}.

{{notEligibleExplanation}}

If you would like to talk about this, please reply to this letter and quote your reference.

${SIGN_OFF}`,
  ),
  T(
    'progress-update',
    'An update on your complaint ({{reference}})',
    `Dear {{name}},

We are writing to tell you how your complaint {{reference}} is going.

[Write the update here before you approve this letter.]

We will write to you again by {{updateBy}}.

${SIGN_OFF}`,
  ),
  T(
    'outcome',
    'The outcome of your complaint ({{reference}})',
    `Dear {{name}},

We have finished looking into your complaint {{reference}}.

The outcome: {{outcome}}.

[Explain what we found, and anything we will do, before you approve this letter.]

{{appealSentence}}

${SIGN_OFF}`,
  ),
  T(
    'appeal-acknowledgement',
    'We have received your request for a review ({{reference}})',
    `Dear {{name}},

Thank you. We have received your request for a review of complaint {{reference}}.

Our {{appealBody}} will consider your request.
{{appealDecisionSentence}}

${SIGN_OFF}`,
  ),
  T(
    'appeal-outcome',
    'The result of your request for a review ({{reference}})',
    `Dear {{name}},

We have finished reviewing complaint {{reference}}.

The result of the review: {{appealOutcome}}.

[Explain the reasons before you approve this letter.]

This decision is final.

${SIGN_OFF}`,
  ),
  T(
    'case-assigned',
    'New complaint for you: {{reference}}',
    `A new complaint, {{reference}}, has been given to you ({{handler}}).

Stage: {{stage}}
Acknowledge by: {{acknowledgeBy}}
Decision maker: {{decisionMaker}}

Open the complaints spreadsheet: {{caseLink}}`,
  ),
  T(
    'case-assigned',
    'A new complaint needs review: {{reference}}',
    `A new complaint, {{reference}}, arrived on {{receivedOn}} and needs a person to look at it. Either the form was not filled in fully, or our policy does not say who deals with it.

Nothing has been sent to the complainant yet. Please check it, decide how it should go, and change its Stage on the Cases tab.

Open the complaints spreadsheet: {{caseLink}}`,
    'needs-review',
  ),
  T(
    'case-assigned',
    'Safeguarding concern raised: please assess complaint {{reference}} today',
    `A complaint that arrived on {{receivedOn}}, {{reference}}, raises a safeguarding concern.

You are receiving this as the safeguarding lead, so that you can assess the matter straight away and act under the safeguarding policy. Please do not wait for the complaint itself to be dealt with.

Stage: {{stage}}

Open the complaints spreadsheet: {{caseLink}}`,
    'safeguarding',
  ),
  T(
    'update-due',
    'Progress update due by {{updateBy}}: {{reference}}',
    `The complainant in {{reference}} must get a progress update by {{updateBy}}.

A draft update is waiting for approval on the Outbox tab. Record the date you send it in the "Last update sent" column.

Open the complaints spreadsheet: {{caseLink}}`,
  ),
  T(
    'update-due',
    'Appeal window closes {{appealBy}}: {{reference}}',
    `The complainant in {{reference}} can ask for a review until {{appealBy}}.

If no appeal has arrived by then, conclude the case by changing its Stage on the Cases tab.

Open the complaints spreadsheet: {{caseLink}}`,
    'appeal-window',
  ),
  T(
    'update-due',
    'Appeal decision due by {{appealDecisionBy}}: {{reference}}',
    `The appeal on complaint {{reference}} should be decided by {{appealDecisionBy}}.

You are receiving this as the person who hears appeals ({{appealBody}}). Record the result in the "Appeal outcome" column.

Open the complaints spreadsheet: {{caseLink}}`,
    'appeal-decision',
  ),
  T(
    'update-due',
    'Progress check due by {{reviewBy}}: {{reference}}',
    `Complaint {{reference}} needs a progress check by {{reviewBy}}. Our policy sets no interval for keeping the complainant informed, so the office checks each open case at least every 28 days.

Check where it has got to, tell the complainant, and record the date you did in the "Last update sent" column.

Open the complaints spreadsheet: {{caseLink}}`,
    'review',
  ),
  T(
    'overdue',
    'Overdue: {{reference}}',
    `Complaint {{reference}} needs attention: {{overdueWhat}}.

You are receiving this as the decision maker ({{decisionMaker}}).

Open the complaints spreadsheet: {{caseLink}}`,
  ),
  T(
    'pass-on',
    'To do: pass complaint {{reference}} on',
    `Complaint {{reference}} is for another body, and this office passes it on: {{passOnReason}}

Send it to: {{redirectContact}}
Why it goes there: {{redirectExplanation}}

Send them the complaint as it reached us (the case's row on the Cases tab). Then tell the complainant it has gone, and set this row's Status to done.

Open the complaints spreadsheet: {{caseLink}}`,
  ),
  T(
    'update-due',
    'Needs review, acknowledgement due by {{acknowledgeBy}}: {{reference}}',
    `Complaint {{reference}} arrived on {{receivedOn}} and is still waiting for review. The complainant must be acknowledged by {{acknowledgeBy}}.

Correct its details on the Cases tab (see "Problems to review"), then accept it by changing its Stage, or redirect it.

Open the complaints spreadsheet: {{caseLink}}`,
    'needs-review',
  ),
  T(
    'overdue',
    'Overdue, still needs review: {{reference}}',
    `Complaint {{reference}} needs attention: {{overdueWhat}}. It is still waiting for review, so nobody else has it.

You are receiving this as the complaints team. Correct its details on the Cases tab (see "Problems to review"), then accept it by changing its Stage, or redirect it.

Open the complaints spreadsheet: {{caseLink}}`,
    'needs-review',
  ),
  T(
    'overdue',
    'Overdue appeal decision: {{reference}}',
    `Complaint {{reference}} needs attention: {{overdueWhat}}.

You are receiving this as the person who hears appeals ({{appealBody}}). Record the result in the "Appeal outcome" column.

Open the complaints spreadsheet: {{caseLink}}`,
    'appeal-decision',
  ),
  T(
    'overdue',
    'Still overdue, for your attention: {{reference}}',
    `Complaint {{reference}} needs attention: {{overdueWhat}}.

It has already been sent to the person who hears appeals ({{appealBody}}). It now comes to you as the next person up, so that the complainant gets an answer. Please make sure the appeal is decided and the result recorded in the "Appeal outcome" column.

Open the complaints spreadsheet: {{caseLink}}`,
    'escalated',
  ),
  T(
    'subject-copy',
    'A complaint that concerns you: {{reference}}',
    `A complaint has been made to our office that concerns you. Our complaints policy says that the member of staff a complaint is about is given a copy of it, unless there is a strong reason not to, and is kept informed as it goes on.

What the complaint says:
{{complaintText}}

What the person would like to happen:
{{complaintWanted}}

Who is dealing with it: {{handler}}. Stage: {{stage}}.

Please do not contact the person who made the complaint about it. If you have any questions, please speak to your line manager or to the {{handler}}.`,
  ),
  T(
    'subject-update',
    'The complaint that concerns you has moved on: {{reference}}',
    `Complaint {{reference}}, which concerns you, has moved on. It is now at this stage: {{stage}}.

Who is dealing with it: {{handler}}. If you have any questions, please speak to your line manager or to the {{handler}}.`,
  ),
  T(
    'subject-update',
    'The complaint that concerns you has been closed: {{reference}}',
    `Complaint {{reference}}, which concerns you, has been closed.

The outcome: {{outcome}}

If you have any questions, please speak to your line manager or to the {{handler}}.`,
    'closed',
  ),
  T(
    'subject-update',
    'The complaint about you: update due by {{updateBy}} ({{reference}})',
    `Complaint {{reference}}, which concerns you, is still being dealt with. Under our complaints policy you are kept informed as it goes on.

Who is dealing with it: {{handler}}. The next update to the complainant is due by {{updateBy}}; you will hear from the {{handler}} about progress at the same time.

If you have any questions, please speak to your line manager or to the {{handler}}.`,
    'progress',
  ),
  T(
    'digest',
    'Complaints to deal with today ({{today}})',
    `New since yesterday: {{digestNew}}
Due today: {{digestDueToday}}
Overdue: {{digestOverdue}}
Letters that could not be sent: {{digestFailed}}

Open the complaints spreadsheet: {{caseLink}}`,
  ),
];
