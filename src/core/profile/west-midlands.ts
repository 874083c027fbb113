/**
 * OPCC West Midlands: seed 001. Stage 1 informal resolution by the member of staff, Stage 2 decision by the
 * Deputy Chief Executive (options a-e), Stage 3a investigation or 3b mediation, appeal to the Chief
 * Executive within 20 days.
 */
import type { PolicyProfile, RoutingRule } from '../model';
import { intakeStates, sharedCommonActions, type SharedSources } from './common';

const src: SharedSources = {
  acknowledge: '001 ¶3',
  update: '001 ¶7, ¶11',
  scope: '001 Application of this procedure',
  eligibility: '001 ¶2',
  decide: '001 ¶10',
};

const stage2: Omit<RoutingRule, 'subject'> = {
  informalResolver: null,
  handler: 'deputy-chief-executive',
  decisionMaker: 'deputy-chief-executive',
  appealBody: 'chief-executive',
  note: 'Stage 1 is informal resolution by the member of staff who received the complaint (¶7); they are not a role.',
  source: '001 ¶7-11, ¶18',
};

export const westMidlands: PolicyProfile = {
  id: 'west-midlands',
  name: 'Office of the Police and Crime Commissioner for the West Midlands',
  shortName: 'OPCC West Midlands',
  referencePrefix: 'WM',
  nation: 'england',
  languages: ['en'],
  sourceDocument: 'seeds/001_cdd618cceb67c593.txt',
  roles: [
    { id: 'deputy-chief-executive', title: 'Deputy Chief Executive', reportsTo: 'chief-executive' },
    { id: 'chief-executive', title: 'Chief Executive', reportsTo: 'pcc' },
    { id: 'pcc', title: 'Police and Crime Commissioner', reportsTo: null },
    { id: 'safeguarding-lead', title: 'Safeguarding lead', reportsTo: 'deputy-chief-executive' },
  ],
  eligibility: {
    service: ['affected', 'on-behalf', 'police-staff'],
    conduct: ['affected', 'on-behalf', 'witness', 'police-staff'],
    explanation:
      'We are sorry, but we cannot consider this complaint under our complaints procedure. It covers complaints made by, or on behalf of, someone dealing with our office. A witness may complain only about the conduct of a member of staff. Please contact us if you would like to talk about this.',
    source: '001 ¶2',
  },
  redirects: [
    {
      id: 'criminal-allegation',
      when: { allegesCrime: true },
      reportDirectly: true,
      target: 'police-force',
      contact: 'West Midlands Police: call 101, or 999 in an emergency',
      explanation:
        'An allegation of criminal behaviour must be reported directly to West Midlands Police. The Police and Crime Commissioner cannot consider criminal allegations.',
      source: '001 ¶11',
    },
    {
      id: 'pcc-to-panel',
      when: { subjects: ['pcc', 'deputy-pcc'] },
      target: 'police-and-crime-panel',
      contact:
        'West Midlands Police and Crime Panel: westmidlandspcp.org.uk, WMPCP@birmingham.gov.uk, or WMPCP Scrutiny Office, Council House, Birmingham B1 1BB',
      explanation:
        'Complaints about the Police and Crime Commissioner, or the people the Commissioner appoints, must be made to the West Midlands Police and Crime Panel.',
      source: '001 ¶3; Application of this procedure',
    },
    {
      id: 'police-to-force',
      when: { subjects: ['police'] },
      target: 'police-force',
      contact: 'West Midlands Police (Police Complaints): call 101, or see westmidlands.police.uk',
      explanation:
        'Complaints about police officers and police staff must be made to West Midlands Police. The Police and Crime Commissioner has no powers to become involved with them.',
      source: '001 ¶2',
    },
    {
      id: 'whistleblowing',
      when: { whistleblowing: true },
      target: 'whistleblowing',
      contact: "The Police and Crime Commissioner's whistleblowing policy",
      explanation:
        'A disclosure of serious wrongdoing will be assessed under our whistleblowing policy rather than this complaints procedure.',
      source: '001 ¶4',
    },
    {
      id: 'opcc-staff-grievance',
      when: {
        relationships: ['opcc-staff'],
        subjects: [
          'staff',
          'senior-manager',
          'deputy-chief-executive',
          'chief-finance-officer',
          'chief-executive',
          'organisation',
        ],
      },
      target: 'grievance',
      contact: 'The Grievance process in the Staff Handbook',
      explanation:
        'Staff who wish to complain about another member of staff should use the Grievance process in the Staff Handbook.',
      source: '001 Application of this procedure',
    },
    {
      id: 'partner-organisation',
      when: { subjects: ['partner-organisation'] },
      target: 'partner-organisation',
      contact:
        "The organisation's own complaints or grievance procedure (for charities, serious wrongdoing can be reported to the Charity Commission)",
      explanation:
        'In most cases a complaint about another organisation is for that organisation to consider, under its own complaints procedure. The Deputy Chief Executive will look at whether our office should become involved, for example where there are safeguarding concerns or a possible breach of a contract with the Commissioner, and will let you know.',
      source: '001 ¶5-10',
    },
  ],
  routing: [
    { subject: 'staff', ...stage2 },
    { subject: 'senior-manager', ...stage2 },
    {
      subject: 'chief-finance-officer',
      ...stage2,
      note: 'Not named in the policy: treated as a senior manager.',
    },
    {
      subject: 'organisation',
      ...stage2,
      note: 'A complaint about the service of the office (¶2) follows the same stages.',
    },
    {
      subject: 'deputy-chief-executive',
      informalResolver: null,
      handler: 'chief-executive',
      decisionMaker: 'chief-executive',
      appealBody: 'chief-executive',
      escalated: true,
      note: '¶18 sends every appeal to the Chief Executive, who here also made the decision. ¶18 lets the Chief Executive "delegate the matter to another party", which is how the appeal can be heard by someone not involved in the decision.',
      source: '001 ¶9, ¶18',
    },
    {
      subject: 'chief-executive',
      informalResolver: null,
      handler: 'pcc',
      decisionMaker: 'pcc',
      appealBody: null,
      escalated: true,
      note: 'Nobody in the office sits above the PCC, so the decision is final.',
      source: '001 ¶9',
    },
  ],
  lifecycle: {
    initial: {
      inScope: 'stage-1',
      redirected: 'redirected',
      notEligible: 'not-eligible',
      needsReview: 'needs-review',
    },
    states: [
      ...intakeStates(src),
      {
        id: 'stage-1',
        label: 'Stage 1: informal resolution',
        kind: 'open',
        decisions: [],
        source: '001 ¶4-8',
      },
      {
        id: 'stage-2',
        label: 'Stage 2: decision by the Deputy Chief Executive',
        kind: 'open',
        decisions: [
          { id: 'no-further-action', label: '(a) No further action', source: '001 ¶10(a)' },
          {
            id: 'delegate-resolution',
            label: '(b) Steps to resolve it, delegated to a member of staff',
            source: '001 ¶10(b)',
          },
          { id: 'deal-personally', label: '(c) Deal with it personally', source: '001 ¶10(c)' },
          {
            id: 'formal-investigation',
            label: '(d) Formal investigation, with an investigator appointed',
            source: '001 ¶10(d)',
          },
          { id: 'refer-to-pcc', label: '(e) Refer to the PCC for a decision', source: '001 ¶10(e)' },
          { id: 'mediation', label: 'Mediation or dispute resolution', source: '001 ¶16' },
        ],
        source: '001 ¶9-12',
      },
      {
        id: 'stage-3a',
        label: 'Stage 3a: formal investigation',
        kind: 'open',
        decisions: [],
        source: '001 ¶13-15',
      },
      {
        id: 'stage-3b',
        label: 'Stage 3b: mediation or dispute resolution',
        kind: 'open',
        decisions: [],
        source: '001 ¶16-17',
      },
      { id: 'closed', label: 'Closed: appeal window open', kind: 'closed', decisions: [], source: '001 ¶11' },
      {
        id: 'appeal',
        label: 'Appeal to the Chief Executive',
        kind: 'appeal',
        decisions: [],
        source: '001 ¶18',
      },
      {
        id: 'appeal-decided',
        label: 'Appeal decided (final)',
        kind: 'final',
        decisions: [],
        source: '001 ¶18',
      },
      { id: 'concluded', label: 'Concluded', kind: 'final', decisions: [], source: '001 ¶19' },
    ],
    transitions: [
      {
        action: 'accept',
        label: 'Accept the complaint',
        from: ['needs-review'],
        to: 'stage-1',
        actors: 'any',
        source: '001 ¶4',
      },
      {
        action: 'take-on',
        label: 'Take on the complaint about a partner organisation',
        from: ['redirected'],
        to: 'stage-2',
        actors: ['deputy-chief-executive'],
        source: '001 ¶8-9',
      },
      {
        action: 'redirect',
        label: 'Redirect elsewhere',
        from: ['needs-review', 'stage-1', 'stage-2'],
        to: 'redirected',
        actors: 'any',
        source: '001 ¶2-5',
      },
      {
        action: 'mark-not-eligible',
        label: 'Mark not eligible',
        from: ['needs-review', 'stage-1', 'stage-2'],
        to: 'not-eligible',
        actors: 'any',
        source: '001 ¶2',
      },
      {
        action: 'start-stage-2',
        label: 'Formal complaint to the Deputy Chief Executive',
        from: ['stage-1'],
        to: 'stage-2',
        actors: 'any',
        source: '001 ¶8, ¶10',
      },
      {
        action: 'start-investigation',
        label: 'Start a formal investigation',
        from: ['stage-2'],
        to: 'stage-3a',
        actors: 'any',
        guards: ['decision-recorded'],
        source: '001 ¶13',
      },
      {
        action: 'start-mediation',
        label: 'Start mediation or dispute resolution',
        from: ['stage-2'],
        to: 'stage-3b',
        actors: 'any',
        guards: ['decision-recorded'],
        source: '001 ¶16',
      },
      {
        action: 'mediation-not-agreed',
        label: 'No agreement on mediation: back to the Deputy Chief Executive',
        from: ['stage-3b'],
        to: 'stage-2',
        actors: 'any',
        source: '001 ¶17',
      },
      {
        action: 'close',
        label: 'Send the outcome and close',
        from: ['stage-1', 'stage-2', 'stage-3a', 'stage-3b'],
        to: 'closed',
        actors: 'any',
        guards: ['outcome-given'],
        source: '001 ¶7, ¶11, ¶15',
      },
      {
        action: 'appeal',
        label: 'Record an appeal',
        from: ['closed'],
        to: 'appeal',
        actors: 'any',
        guards: ['appeal-allowed', 'within-appeal-window'],
        source: '001 ¶11, ¶18',
      },
      {
        action: 'decide-appeal',
        label: 'Record the appeal decision',
        from: ['appeal'],
        to: 'appeal-decided',
        actors: ['chief-executive', 'pcc'],
        guards: ['appeal-outcome-given'],
        source: '001 ¶18',
      },
      {
        action: 'conclude',
        label: 'Conclude (no appeal made)',
        from: ['closed'],
        to: 'concluded',
        actors: 'any',
        source: '001 ¶19',
      },
    ],
    commonActions: [
      ...sharedCommonActions(src),
      {
        action: 'acknowledge-appeal',
        label: 'Record appeal acknowledgement sent',
        inKinds: ['appeal'],
        actors: 'any',
        source: '001 ¶18',
      },
    ],
  },
  outcomes: [
    {
      id: 'resolved',
      label: 'Resolved: put right, with an apology where due',
      upheld: true,
      source: '001 ¶4-7',
    },
    { id: 'no-further-action', label: 'No further action', upheld: false, source: '001 ¶10(a)' },
    { id: 'not-upheld', label: 'Not upheld', upheld: false, source: '001 ¶15' },
    { id: 'upheld-further-steps', label: 'Upheld: further steps taken', upheld: true, source: '001 ¶15' },
    {
      id: 'upheld-staff-action',
      label: 'Upheld: disciplinary or management action',
      upheld: true,
      source: '001 ¶19',
    },
  ],
  appeal: {
    allowed: true,
    noAppealWhenHandledBy: [],
    outcomes: [
      {
        id: 'appeal-upheld',
        label: 'Appeal upheld: the outcome is changed',
        upheld: true,
        source: '001 ¶18',
      },
      {
        id: 'appeal-not-upheld',
        label: 'Appeal not upheld: the outcome stands',
        upheld: false,
        source: '001 ¶18',
      },
    ],
    source: '001 ¶11, ¶18',
  },
  clocks: {
    acknowledge: { days: 5, unit: 'working', source: '001 ¶3' },
    update: null,
    appealWindow: { days: 20, unit: 'calendar', source: '001 ¶11', note: '"20 days" read as calendar days.' },
    appealAcknowledge: null,
    appealDecision: null,
    review: {
      days: 28,
      unit: 'calendar',
      source: 'office practice',
      note: '001 sets no interval for keeping the complainant informed (¶11) or for deciding an appeal (¶18); the handler checks each open case at least every 28 days so none goes without a deadline.',
    },
    retention: null,
    dueSoonWorkingDays: 2,
  },
  updatesToSubject: false,
  subjectCopy: {
    required: true,
    source: '001 ¶12',
    note: 'Unless the Deputy Chief Executive (or the person managing it) thinks there is a strong reason not to: staff confirm it may be shared by ticking "Copy to person complained about".',
  },
  safeguarding: {
    alertRole: 'safeguarding-lead',
    source: '001 ¶9(b), ¶10',
    note: '"the designated safeguarding lead will assess the matter"; office practice applies the alert to every complaint that raises safeguarding, not only those about partner organisations.',
  },
  recordKeeping:
    "Once a complaint against a member of staff is concluded, the HR Governance Group keeps a record; if it led to disciplinary or management action, a copy also goes on the staff member's HR record (001 ¶19).",
};
