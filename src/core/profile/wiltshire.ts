/**
 * OPCC Wiltshire and Swindon: seed 002. Stage 1 informal resolution by the Complaints Team Leader, Stage 2
 * handling review by the decision maker of the §4.9 table, Stage 3 formal investigation. No appeal when the
 * Chief Executive handled the complaint personally (§4.8).
 */
import type { PolicyProfile } from '../model';
import { intakeStates, sharedCommonActions, type SharedSources } from './common';

const src: SharedSources = {
  acknowledge: '002 §3',
  update: '002 §4.5',
  scope: '002 §3',
  eligibility: '002 §3',
  decide: '002 §4.4',
};

export const wiltshire: PolicyProfile = {
  id: 'wiltshire',
  name: 'Office of the Police and Crime Commissioner for Wiltshire and Swindon',
  shortName: 'OPCC Wiltshire and Swindon',
  referencePrefix: 'WIL',
  nation: 'england',
  languages: ['en'],
  sourceDocument: 'seeds/002_0773d49036fb690d.txt',
  roles: [
    { id: 'complaints-team-leader', title: 'Complaints Team Leader' },
    { id: 'director-of-operations', title: 'Director of Operations' },
    { id: 'chief-executive', title: 'Chief Executive' },
    { id: 'chief-finance-officer', title: 'Chief Financial Officer' },
    { id: 'pcc', title: 'Police and Crime Commissioner' },
  ],
  eligibility: {
    service: ['affected', 'on-behalf', 'police-staff'],
    conduct: ['affected', 'on-behalf', 'witness', 'police-staff'],
    explanation:
      'We are sorry, but we cannot consider this complaint under our complaints procedure. It covers complaints made by, or on behalf of, someone dealing with our office. A witness may complain only about the conduct of a member of staff. Please contact us if you would like to talk about this.',
    source: '002 §3',
  },
  redirects: [
    {
      id: 'criminal-allegation',
      when: { allegesCrime: true },
      target: 'police-force',
      contact: 'Wiltshire Police: call 101, or 999 in an emergency',
      explanation:
        'An allegation of a crime must be reported to the police directly. The Police and Crime Commissioner cannot investigate crimes.',
      source: '002 §3; cf. 001 ¶11',
    },
    {
      id: 'pcc-to-panel',
      when: { subjects: ['pcc', 'deputy-pcc'] },
      target: 'police-and-crime-panel',
      contact:
        'Wiltshire and Swindon Police and Crime Panel, through the Monitoring Officer, Wiltshire Council, County Hall, Trowbridge BA14 8JN (wiltshire.gov.uk)',
      explanation:
        'Complaints about the Police and Crime Commissioner or the Deputy Police and Crime Commissioner are dealt with by the Wiltshire and Swindon Police and Crime Panel, not by this procedure.',
      source: '002 §3',
    },
    {
      id: 'police-to-force',
      when: { subjects: ['police'] },
      target: 'police-force',
      contact: 'Wiltshire Police Professional Standards Department: call 101, or see wiltshire.police.uk',
      explanation:
        'Complaints about members of Wiltshire Police are dealt with under separate procedures by Wiltshire Police.',
      source: '002 §3',
    },
    {
      id: 'whistleblowing',
      when: { whistleblowing: true },
      target: 'whistleblowing',
      contact: 'The Wiltshire OPCC "Making Protected Disclosures" policy',
      explanation:
        'A disclosure of serious wrongdoing will be considered under our Making Protected Disclosures policy rather than this complaints procedure.',
      source: '002 Data Protection and information management',
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
      contact: 'The internal grievance process',
      explanation:
        'Members of staff who wish to complain about another member of staff should use the internal grievance process.',
      source: '002 §3',
    },
    {
      id: 'partner-organisation',
      when: { subjects: ['partner-organisation'] },
      target: 'partner-organisation',
      contact: "The organisation's own complaints procedure",
      explanation:
        'This procedure covers the service provided by our office and its staff. Please complain to the organisation itself, using its own complaints procedure.',
      source: '002 §3',
    },
  ],
  routing: [
    {
      subject: 'staff',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'director-of-operations',
      appealBody: 'chief-executive',
      source: '002 §4.9',
    },
    {
      subject: 'senior-manager',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'chief-executive',
      appealBody: 'chief-executive',
      escalated: true,
      note: 'The table names the Chief Executive as both decision maker and appeal body; if the Chief Executive handles it personally there is no appeal (§4.8).',
      source: '002 §4.9',
    },
    {
      subject: 'deputy-chief-executive',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'chief-executive',
      appealBody: 'chief-executive',
      escalated: true,
      note: 'Not in the table: treated as a member of the senior management team.',
      source: '002 §4.9',
    },
    {
      subject: 'chief-finance-officer',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'chief-executive',
      appealBody: 'pcc',
      escalated: true,
      source: '002 §4.9',
    },
    {
      subject: 'chief-executive',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'chief-finance-officer',
      appealBody: 'pcc',
      escalated: true,
      note: 'The OPCC Chief Financial Officer decides with support from the Chief Executive of another OPCC.',
      source: '002 §4.9',
    },
    {
      subject: 'organisation',
      informalResolver: 'complaints-team-leader',
      handler: 'complaints-team-leader',
      decisionMaker: 'director-of-operations',
      appealBody: 'chief-executive',
      note: 'Not in the table: a complaint about the service of the office follows the "member of OPCC staff" row (the Director of Operations owns the policy).',
      source: '002 §3, §4.9',
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
        source: '002 §4.1-4.3',
      },
      {
        id: 'stage-2',
        label: 'Stage 2: handling review by the decision maker',
        kind: 'open',
        decisions: [
          { id: 'no-further-action', label: '(a) No further action', source: '002 §4.4(a)' },
          {
            id: 'delegate-resolution',
            label: '(b) Further steps, delegated to the member of staff to resolve',
            source: '002 §4.4(b)',
          },
          {
            id: 'formal-investigation',
            label: '(c) Formal investigation, with an investigator appointed',
            source: '002 §4.4(c)',
          },
          {
            id: 'refer-to-director',
            label: '(d) Refer to the Director of Operations for a decision',
            source: '002 §4.4(d)',
          },
        ],
        source: '002 §4.4',
      },
      {
        id: 'stage-3',
        label: 'Stage 3: formal investigation',
        kind: 'open',
        decisions: [],
        source: '002 §4.10-4.13',
      },
      {
        id: 'closed',
        label: 'Closed: appeal window open',
        kind: 'closed',
        decisions: [],
        source: '002 §4.15, §4.17',
      },
      { id: 'appeal', label: 'Appeal', kind: 'appeal', decisions: [], source: '002 §4.16-4.20' },
      {
        id: 'appeal-decided',
        label: 'Appeal decided (final)',
        kind: 'final',
        decisions: [],
        source: '002 §4.21',
      },
      { id: 'concluded', label: 'Concluded', kind: 'final', decisions: [], source: '002 §4.7' },
    ],
    transitions: [
      {
        action: 'accept',
        label: 'Accept the complaint',
        from: ['needs-review'],
        to: 'stage-1',
        actors: 'any',
        source: '002 §4.1',
      },
      {
        action: 'redirect',
        label: 'Redirect elsewhere',
        from: ['needs-review', 'stage-1', 'stage-2'],
        to: 'redirected',
        actors: 'any',
        source: '002 §3',
      },
      {
        action: 'mark-not-eligible',
        label: 'Mark not eligible',
        from: ['needs-review', 'stage-1', 'stage-2'],
        to: 'not-eligible',
        actors: 'any',
        source: '002 §3',
      },
      {
        action: 'start-stage-2',
        label: 'Start the handling review',
        from: ['stage-1'],
        to: 'stage-2',
        actors: 'any',
        source: '002 §4.4',
      },
      {
        action: 'start-investigation',
        label: 'Start a formal investigation',
        from: ['stage-2'],
        to: 'stage-3',
        actors: 'any',
        guards: ['decision-recorded'],
        source: '002 §4.10',
      },
      {
        action: 'close',
        label: 'Send the outcome and close',
        from: ['stage-1', 'stage-2', 'stage-3'],
        to: 'closed',
        actors: 'any',
        guards: ['outcome-given'],
        source: '002 §4.14-4.15',
      },
      {
        action: 'appeal',
        label: 'Record an appeal',
        from: ['closed'],
        to: 'appeal',
        actors: 'any',
        guards: ['appeal-allowed', 'within-appeal-window'],
        source: '002 §4.7, §4.8, §4.17',
      },
      {
        action: 'decide-appeal',
        label: 'Record the appeal decision',
        from: ['appeal'],
        to: 'appeal-decided',
        actors: ['chief-executive', 'pcc'],
        guards: ['appeal-outcome-given'],
        source: '002 §4.16, §4.21',
      },
      {
        action: 'conclude',
        label: 'Conclude (no appeal made)',
        from: ['closed'],
        to: 'concluded',
        actors: 'any',
        source: '002 §4.17',
      },
    ],
    commonActions: [
      ...sharedCommonActions(src),
      {
        action: 'handle-personally',
        label: 'Chief Executive takes on the handling personally (no appeal)',
        inKinds: ['open'],
        actors: ['chief-executive'],
        source: '002 §4.8',
      },
      {
        action: 'acknowledge-appeal',
        label: 'Record appeal acknowledgement sent',
        inKinds: ['appeal'],
        actors: 'any',
        source: '002 §4.18',
      },
    ],
  },
  outcomes: [
    {
      id: 'not-upheld-remedied',
      label: 'Not upheld, or reasonable and proportionate remedial action already completed',
      upheld: false,
      source: '002 §4.14',
    },
    {
      id: 'not-upheld-vexatious',
      label: 'Not upheld: vexatious or inappropriate',
      upheld: false,
      source: '002 §4.14',
    },
    {
      id: 'upheld-apology-explanation',
      label: 'Upheld: apology with an explanation',
      upheld: true,
      source: '002 §4.14',
    },
    {
      id: 'upheld-apology-learning',
      label: 'Upheld: apology, with the learning identified and actions taken',
      upheld: true,
      source: '002 §4.14',
    },
    {
      id: 'upheld-apology-disciplinary',
      label: 'Upheld: apology and disciplinary action',
      upheld: true,
      source: '002 §4.14',
    },
  ],
  appeal: {
    allowed: true,
    noAppealWhenHandledBy: ['chief-executive'],
    outcomes: [
      {
        id: 'appeal-upheld',
        label: 'Appeal upheld: the outcome is changed',
        upheld: true,
        source: '002 §4.19-4.21',
      },
      {
        id: 'appeal-not-upheld',
        label: 'Appeal not upheld: the outcome stands',
        upheld: false,
        source: '002 §4.19-4.21',
      },
    ],
    source: '002 §4.16-4.21',
  },
  clocks: {
    acknowledge: { days: 5, unit: 'working', source: '002 §3' },
    update: {
      days: 28,
      unit: 'calendar',
      source: '002 §4.5, §4.6',
      note: 'Also to the member of staff complained about.',
    },
    appealWindow: { days: 28, unit: 'calendar', source: '002 §4.7, §4.17' },
    appealAcknowledge: { days: 5, unit: 'working', source: '002 §4.18' },
    appealDecision: {
      days: 15,
      unit: 'working',
      source: '002 §4.20',
      note: 'An aim, unless there are extenuating circumstances.',
    },
    retention: { years: 6, from: 'last-contact', source: '002 §3' },
    dueSoonWorkingDays: 2,
  },
  updatesToSubject: true,
  // 002 §3: "Complaints should be submitted by email where possible to complaints@wiltshire.police.uk".
  officeContact: { email: 'complaints@wiltshire.police.uk' },
  recordKeeping:
    'Kept by the Complaints Resolution Team in a restricted area, for 6 years from the date of last contact (002 §3).',
};
