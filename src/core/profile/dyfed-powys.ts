/**
 * OPCC Dyfed-Powys: seed 000. A Welsh public body, so every public-facing string has a Welsh version.
 * The Appropriate Authority decides; the outcome is final (000 §9: no right to request a review).
 */
import type { PolicyProfile } from '../model';
import { intakeStates, sharedCommonActions, type SharedSources } from './common';

const src: SharedSources = {
  acknowledge: '000 §8',
  update: '000 §8',
  scope: '000 §3',
  eligibility: '000 §4',
  decide: '000 §7',
};

const handledByCe = {
  informalResolver: null,
  handler: 'chief-executive',
  decisionMaker: 'chief-executive',
  appealBody: null,
  source: '000 §6',
} as const;

export const dyfedPowys: PolicyProfile = {
  id: 'dyfed-powys',
  name: 'Office of the Police and Crime Commissioner for Dyfed-Powys',
  nameCy: 'Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys',
  shortName: 'OPCC Dyfed-Powys',
  referencePrefix: 'DP',
  nation: 'wales',
  languages: ['en', 'cy'],
  sourceDocument: 'seeds/000_7336c454c001ca7f.txt',
  roles: [
    { id: 'chief-executive', title: 'Chief Executive', titleCy: 'Prif Weithredwr', reportsTo: 'pcc' },
    {
      id: 'pcc',
      title: 'Police and Crime Commissioner',
      titleCy: 'Comisiynydd yr Heddlu a Throseddu',
      reportsTo: null,
    },
    {
      id: 'safeguarding-lead',
      title: 'Safeguarding lead',
      titleCy: 'Arweinydd diogelu',
      reportsTo: 'chief-executive',
    },
  ],
  eligibility: {
    service: ['affected', 'on-behalf'],
    conduct: ['affected', 'on-behalf', 'witness'],
    explanation:
      'We are sorry, but we cannot consider this complaint under our complaints procedure. Complaints about our policies and service can be made by someone who was adversely affected, or by someone acting on their behalf. A witness may complain only about the conduct of a member of staff. Please contact us if you would like to talk about this.',
    explanationCy:
      "Mae'n ddrwg gennym, ond ni allwn ystyried y gŵyn hon o dan ein gweithdrefn gwynion. Gall rhywun a gafodd ei effeithio'n andwyol, neu rywun sy'n gweithredu ar ei ran, gwyno am ein polisïau a'n gwasanaeth. Dim ond am ymddygiad aelod o staff y gall tyst gwyno. Cysylltwch â ni os hoffech drafod hyn.",
    source: '000 §4',
  },
  redirects: [
    {
      id: 'criminal-allegation',
      when: { allegesCrime: true },
      reportDirectly: true,
      target: 'police-force',
      contact: 'Dyfed-Powys Police: call 101, or 999 in an emergency',
      contactCy: 'Heddlu Dyfed-Powys: ffoniwch 101, neu 999 mewn argyfwng',
      explanation:
        'An allegation of a crime must be reported to the police directly. The Commissioner cannot investigate crimes.',
      explanationCy:
        "Rhaid rhoi gwybod i'r heddlu yn uniongyrchol am honiad o drosedd. Ni all y Comisiynydd ymchwilio i droseddau.",
      source: 'Office practice: 000 does not cover criminal allegations (as 001 ¶11 does for West Midlands)',
    },
    {
      id: 'pcc-to-panel',
      when: { subjects: ['pcc', 'deputy-pcc'] },
      target: 'police-and-crime-panel',
      contact: 'Dyfed-Powys Police and Crime Panel (dppoliceandcrimepanel.wales)',
      contactCy: 'Panel Heddlu a Throseddu Dyfed-Powys (dppoliceandcrimepanel.wales)',
      explanation:
        'Complaints about the Police and Crime Commissioner are dealt with by the Police and Crime Panel, under the Elected Local Policing Bodies (Complaints and Misconduct) Regulations 2012.',
      explanationCy:
        "Y Panel Heddlu a Throseddu sy'n ymdrin â chwynion am y Comisiynydd Heddlu a Throseddu, o dan Reoliadau Cyrff Plismona Lleol Etholedig (Cwynion a Chamymddwyn) 2012.",
      source: '000 §3, §6',
    },
    {
      id: 'police-to-force',
      when: { subjects: ['police'] },
      target: 'police-force',
      contact: 'Dyfed-Powys Police Professional Standards Department: call 101, or see dyfed-powys.police.uk',
      contactCy:
        'Adran Safonau Proffesiynol Heddlu Dyfed-Powys: ffoniwch 101, neu ewch i dyfed-powys.police.uk',
      explanation:
        'Complaints about police officers and police staff are dealt with by Dyfed-Powys Police under the police complaints system, not by this procedure.',
      explanationCy:
        "Heddlu Dyfed-Powys sy'n ymdrin â chwynion am swyddogion a staff yr heddlu, o dan system gwynion yr heddlu, nid o dan y weithdrefn hon.",
      source:
        'Office practice: 000 §3 covers only OPCC staff and the OPCC; 000 §10 notes that complaints against police forces follow their own legal process',
    },
    {
      id: 'whistleblowing',
      when: { whistleblowing: true },
      target: 'whistleblowing',
      contact: 'The confidential reporting (whistleblowing) policy the OPCC shares with Dyfed-Powys Police',
      contactCy:
        "Y polisi adrodd cyfrinachol (chwythu'r chwiban) y mae'r Swyddfa yn ei rannu â Heddlu Dyfed-Powys",
      explanation:
        'A disclosure of serious wrongdoing will be considered under the whistleblowing policy rather than this complaints procedure.',
      explanationCy:
        "Bydd datgeliad o gamwedd difrifol yn cael ei ystyried o dan y polisi chwythu'r chwiban yn hytrach na'r weithdrefn gwynion hon.",
      source:
        "Office practice: 000 does not mention whistleblowing (000 §12 says only that the OPCC uses Dyfed-Powys Police's HR policies)",
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
      contact: 'Your immediate line manager or the Chief Executive',
      contactCy: "Eich rheolwr llinell uniongyrchol neu'r Prif Weithredwr",
      explanation:
        'Staff of the Office of the Police and Crime Commissioner should raise any dissatisfaction with their immediate line manager or the Chief Executive, not through this procedure.',
      explanationCy:
        "Dylai staff Swyddfa'r Comisiynydd Heddlu a Throseddu godi unrhyw anfodlonrwydd gyda'u rheolwr llinell uniongyrchol neu'r Prif Weithredwr, nid drwy'r weithdrefn hon.",
      source: '000 §5',
    },
    {
      id: 'police-staff-ineligible',
      when: { relationships: ['police-staff'] },
      target: 'police-force',
      contact:
        'Dyfed-Powys Police, dyfed-powys.police.uk (see paragraph 5.7 of the IOPC Statutory Guidance on the police complaints system)',
      contactCy:
        'Heddlu Dyfed-Powys, dyfed-powys.police.uk (gweler paragraff 5.7 o Ganllawiau Statudol yr IOPC ar system gwynion yr heddlu)',
      explanation:
        'Officers and staff under the direction and control of the Chief Constable cannot use this procedure. Please see paragraph 5.7 of the IOPC Statutory Guidance on the police complaints system.',
      explanationCy:
        "Ni all swyddogion a staff sydd o dan gyfarwyddyd a rheolaeth y Prif Gwnstabl ddefnyddio'r weithdrefn hon. Gweler paragraff 5.7 o Ganllawiau Statudol yr IOPC ar system gwynion yr heddlu.",
      source: '000 §5',
    },
    {
      id: 'partner-organisation',
      when: { subjects: ['partner-organisation'] },
      target: 'partner-organisation',
      contact: "The organisation's own complaints procedure",
      contactCy: 'Gweithdrefn gwynion y sefydliad ei hun',
      explanation:
        'This procedure covers the Office of the Police and Crime Commissioner and its staff only. A complaint about another organisation is for that organisation to consider, under its own complaints procedure.',
      explanationCy:
        "Mae'r weithdrefn hon yn ymwneud â Swyddfa'r Comisiynydd Heddlu a Throseddu a'i staff yn unig. Mater i'r sefydliad arall yw cwyn amdano, o dan ei weithdrefn gwynion ei hun.",
      source: '000 §3',
    },
  ],
  routing: [
    { subject: 'staff', ...handledByCe },
    { subject: 'senior-manager', ...handledByCe },
    { subject: 'deputy-chief-executive', ...handledByCe },
    { subject: 'chief-finance-officer', ...handledByCe },
    { subject: 'organisation', ...handledByCe },
    {
      subject: 'chief-executive',
      informalResolver: null,
      handler: 'pcc',
      decisionMaker: 'pcc',
      appealBody: null,
      escalated: true,
      note: 'Sent to the usual address marked for the attention of the PCC, who may delegate the investigation to anyone appropriate.',
      source: '000 §6',
    },
  ],
  lifecycle: {
    initial: {
      inScope: 'assessment',
      redirected: 'redirected',
      notEligible: 'not-eligible',
      needsReview: 'needs-review',
    },
    states: [
      ...intakeStates(src, {
        needsReview: 'Angen adolygiad',
        redirected: "Wedi'i gyfeirio i rywle arall",
        notEligible: 'Ddim yn gymwys',
        withdrawn: "Wedi'i dynnu'n ôl",
      }),
      {
        id: 'assessment',
        label: 'Review by the Appropriate Authority',
        labelCy: 'Adolygiad gan yr Awdurdod Priodol',
        kind: 'open',
        decisions: [
          {
            id: 'no-further-action',
            label: 'No further action (no performance or conduct issue found)',
            source: '000 §7',
          },
          {
            id: 'management-action',
            label: 'Management action, or refer to the line manager',
            source: '000 §7',
          },
          {
            id: 'refer-to-psd',
            label:
              "Refer to the Head of the Force's Professional Standards Department (possible misconduct, gross misconduct or on-duty conduct)",
            source: '000 §7',
          },
          { id: 'investigate', label: 'Investigate, with a plan and logged actions', source: '000 §7' },
        ],
        source: '000 §7',
      },
      {
        id: 'management-action',
        label: 'Management action',
        labelCy: 'Camau rheoli',
        kind: 'open',
        decisions: [],
        source: '000 §7',
      },
      {
        id: 'referred-to-psd',
        label: 'Referred to the Professional Standards Department',
        labelCy: "Wedi'i atgyfeirio i'r Adran Safonau Proffesiynol",
        kind: 'open',
        decisions: [],
        source: '000 §7, §12',
      },
      {
        id: 'investigation',
        label: 'Investigation',
        labelCy: 'Ymchwiliad',
        kind: 'open',
        decisions: [],
        source: '000 §7',
      },
      {
        id: 'closed',
        label: 'Closed: the outcome is final',
        labelCy: "Ar gau: mae'r canlyniad yn derfynol",
        kind: 'final',
        decisions: [],
        source: '000 §9',
      },
    ],
    transitions: [
      {
        action: 'accept',
        label: 'Accept the complaint',
        from: ['needs-review'],
        to: 'assessment',
        actors: 'any',
        source: '000 §6',
      },
      {
        action: 'redirect',
        label: 'Redirect elsewhere',
        from: ['needs-review', 'assessment'],
        to: 'redirected',
        actors: 'any',
        source: '000 §3, §5',
      },
      {
        action: 'mark-not-eligible',
        label: 'Mark not eligible',
        from: ['needs-review', 'assessment'],
        to: 'not-eligible',
        actors: 'any',
        source: '000 §4, §5',
      },
      {
        action: 'start-management-action',
        label: 'Deal with it as management action',
        from: ['assessment'],
        to: 'management-action',
        actors: 'any',
        guards: ['decision-recorded'],
        source: '000 §7',
      },
      {
        action: 'refer-to-psd',
        label: 'Refer to the Professional Standards Department',
        from: ['assessment'],
        to: 'referred-to-psd',
        actors: ['chief-executive', 'pcc'],
        guards: ['decision-recorded'],
        source: '000 §7',
      },
      {
        action: 'start-investigation',
        label: 'Start an investigation',
        from: ['assessment'],
        to: 'investigation',
        actors: 'any',
        guards: ['decision-recorded'],
        source: '000 §7',
      },
      {
        action: 'close',
        label: 'Send the outcome and close',
        from: ['assessment', 'management-action', 'referred-to-psd', 'investigation'],
        to: 'closed',
        actors: 'any',
        guards: ['outcome-given'],
        source: '000 §9',
      },
    ],
    commonActions: sharedCommonActions(src),
  },
  outcomes: [
    {
      id: 'apology-and-prevention',
      label: 'An apology and actions to prevent it happening again',
      labelCy: 'Ymddiheuriad a chamau i atal hyn rhag digwydd eto',
      upheld: true,
      source: '000 §7',
    },
    {
      id: 'learning',
      label: 'Individual or organisational learning',
      labelCy: 'Dysgu unigol neu sefydliadol',
      upheld: true,
      source: '000 §7',
    },
    {
      id: 'proceedings',
      label: 'Referred for criminal, disciplinary or performance proceedings',
      labelCy: "Wedi'i gyfeirio ar gyfer achos troseddol, disgyblu neu berfformiad",
      upheld: true,
      source: '000 §7',
    },
    {
      id: 'no-further-action',
      label: 'No further action',
      labelCy: 'Dim camau pellach',
      upheld: false,
      source: '000 §7',
    },
  ],
  appeal: { allowed: false, noAppealWhenHandledBy: [], outcomes: [], source: '000 §9' },
  clocks: {
    acknowledge: { days: 5, unit: 'working', source: '000 §8' },
    update: {
      days: 28,
      unit: 'calendar',
      source: '000 §8',
      note: 'At least every 28 days, in the format the complainant used.',
    },
    appealWindow: null,
    appealAcknowledge: null,
    appealDecision: null,
    retention: null,
    dueSoonWorkingDays: 2,
  },
  updatesToSubject: false,
  // 000 §6: "Email: OPCC@dyfed-powys.police.uk Post: ... Police Headquarters, Llangunnor SA31 2PF".
  officeContact: {
    address: 'Police Headquarters, Llangunnor SA31 2PF',
    email: 'OPCC@dyfed-powys.police.uk',
  },
  subjectCopy: {
    required: false,
    source: '000 §3-9',
    note: 'The policy does not say that the member of staff complained about is given a copy of the complaint.',
  },
  safeguarding: {
    alertRole: 'safeguarding-lead',
    source: 'Office practice',
    note: 'The policy does not mention safeguarding; a concern raised in a complaint is passed to the safeguarding lead at once, as in 001 ¶9(b).',
  },
  exclusions: [
    {
      id: 'iopc-review-right',
      question:
        'Were you given the right to a review by the Independent Office for Police Conduct (IOPC), after a complaint where the Police and Crime Commissioner was the appropriate authority?',
      questionCy:
        "A gawsoch chi'r hawl i adolygiad gan Swyddfa Annibynnol Ymddygiad yr Heddlu (IOPC), ar ôl cwyn lle'r oedd y Comisiynydd Heddlu a Throseddu yn awdurdod priodol?",
      explanation:
        'We are sorry, but we cannot consider this complaint under our complaints procedure. Our policy says it cannot be used by "a member of the public who has been given the right to a review to the Independent [Office] for Police Conduct following a complaint where the Police and Crime Commissioner was the appropriate authority". Please use your right to a review by the IOPC instead. Please contact us if you would like to talk about this.',
      explanationCy:
        "Mae'n ddrwg gennym, ond ni allwn ystyried y gŵyn hon o dan ein gweithdrefn gwynion. Mae ein polisi'n dweud na all \"aelod o'r cyhoedd sydd wedi cael yr hawl i adolygiad gan Swyddfa Annibynnol Ymddygiad yr Heddlu ar ôl cwyn lle'r oedd y Comisiynydd Heddlu a Throseddu yn awdurdod priodol\" ei defnyddio. Defnyddiwch eich hawl i adolygiad gan yr IOPC yn lle hynny. Cysylltwch â ni os hoffech drafod hyn.",
      source: '000 §5',
    },
    {
      id: 'legal-advice-after-review',
      question:
        'After a review of a complaint where the Police and Crime Commissioner was the review body, were you advised to seek independent legal advice?',
      questionCy:
        "Ar ôl adolygiad o gŵyn lle'r oedd y Comisiynydd Heddlu a Throseddu yn gorff adolygu, a gawsoch chi eich cynghori i geisio cyngor cyfreithiol annibynnol?",
      explanation:
        'We are sorry, but we cannot consider this complaint under our complaints procedure. Our policy says it cannot be used by "a member of the public who has been advised to seek independent legal advice following a review of a complaint where the Police and Crime Commissioner was the relevant review body". Please seek independent legal advice, as you were advised. Please contact us if you would like to talk about this.',
      explanationCy:
        "Mae'n ddrwg gennym, ond ni allwn ystyried y gŵyn hon o dan ein gweithdrefn gwynion. Mae ein polisi'n dweud na all \"aelod o'r cyhoedd sydd wedi cael ei gynghori i geisio cyngor cyfreithiol annibynnol ar ôl adolygiad o gŵyn lle'r oedd y Comisiynydd Heddlu a Throseddu yn gorff adolygu perthnasol\" ei defnyddio. Ceisiwch gyngor cyfreithiol annibynnol, fel y cawsoch eich cynghori. Cysylltwch â ni os hoffech drafod hyn.",
      source: '000 §5',
    },
  ],
};
