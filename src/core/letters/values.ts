/** The values that fill a letter's placeholders, in the letter's language. */
import type { CaseRecord, Clocks, Language, LocalDate, PolicyProfile } from '../model';
import { roleTitle } from '../profile';
import { londonDate } from '../calendar';

const MONTHS = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  cy: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
};
const DAYS = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  cy: ['Dydd Sul', 'Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn'],
};

/** "Friday 6 March 2026" / "Dydd Gwener 6 Mawrth 2026". */
export function longDate(day: LocalDate | null, language: Language): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[language][weekday]} ${d} ${MONTHS[language][m - 1]} ${y}`;
}

const SENTENCES = {
  en: {
    update: (days: number, unit: string) =>
      `We will tell you how things are going at least every ${days} ${unit === 'working' ? 'working days' : 'days'}.`,
    updateNone: 'We will keep you informed while we deal with your complaint.',
    appeal: (days: number, unit: string, body: string) =>
      `If you are unhappy with the outcome, you can ask for a review within ${days} ${unit === 'working' ? 'working days' : 'days'} of our final letter. Who will consider it: ${body}.`,
    appealBy: (date: string, body: string) =>
      `If you are unhappy with the outcome, you can ask for a review by ${date}. Who will consider it: ${body}.`,
    noAppeal: 'The outcome of this complaints procedure is final.',
    appealDecision: (date: string) => `We aim to give you an answer by ${date}.`,
    appealDecisionNone: 'We will give you an answer as soon as we can.',
    consentYes:
      'You told us we may pass your complaint on. We will send it to them and let you know when we have.',
    consentNo: 'You have not given us permission to pass your complaint on, so please contact them yourself.',
  },
  cy: {
    update: (days: number, unit: string) =>
      `Byddwn yn rhoi gwybod i chi sut mae pethau’n mynd o leiaf bob ${days} ${unit === 'working' ? 'diwrnod gwaith' : 'diwrnod'}.`,
    updateNone: 'Byddwn yn rhoi’r wybodaeth ddiweddaraf i chi wrth i ni ddelio â’ch cwyn.',
    appeal: (days: number, unit: string, body: string) =>
      `Os nad ydych chi’n hapus â’r canlyniad, gallwch ofyn am adolygiad o fewn ${days} ${unit === 'working' ? 'diwrnod gwaith' : 'diwrnod'} i’n llythyr olaf. Pwy fydd yn ei ystyried: ${body}.`,
    appealBy: (date: string, body: string) =>
      `Os nad ydych chi’n hapus â’r canlyniad, gallwch ofyn am adolygiad erbyn ${date}. Pwy fydd yn ei ystyried: ${body}.`,
    noAppeal: 'Mae canlyniad y drefn gwyno hon yn derfynol.',
    appealDecision: (date: string) => `Ein nod yw rhoi ateb i chi erbyn ${date}.`,
    appealDecisionNone: 'Byddwn yn rhoi ateb i chi cyn gynted ag y gallwn.',
    consentYes:
      'Dywedoch chi y cawn ni anfon eich cwyn ymlaen. Byddwn yn ei hanfon atyn nhw ac yn rhoi gwybod i chi pan fyddwn wedi gwneud hynny.',
    consentNo:
      'Nid ydych chi wedi rhoi caniatâd i ni anfon eich cwyn ymlaen, felly cysylltwch â nhw eich hun os gwelwch yn dda.',
  },
};

export function letterValues(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  language: Language,
  extra: Record<string, string> = {},
): Record<string, string> {
  const s = SENTENCES[language];
  const cy = language === 'cy';
  const title = (id: string | null | undefined) => (id ? roleTitle(profile, id, language) : '');
  const route = record.route;
  const redirect = route?.redirectTo
    ? profile.redirects.find((r) => r.target === route.redirectTo)
    : undefined;
  const appealBody = title(route?.appealBody);
  const window = profile.clocks.appealWindow;
  const appealPossible =
    profile.appeal.allowed &&
    Boolean(route?.appealBody) &&
    !(record.handledBy && profile.appeal.noAppealWhenHandledBy.includes(record.handledBy));
  let appealSentence = s.noAppeal;
  if (appealPossible && clocks.appealBy)
    appealSentence = s.appealBy(longDate(clocks.appealBy, language), appealBody);
  else if (appealPossible && window) appealSentence = s.appeal(window.days, window.unit, appealBody);
  const label = (list: readonly { id: string; label: string; labelCy?: string }[], id: string | null) => {
    const item = list.find((x) => x.id === id);
    return item ? (cy && item.labelCy ? item.labelCy : item.label) : '';
  };
  const update = profile.clocks.update;
  return {
    reference: record.reference,
    name: record.complaint.name ?? '',
    officeName: cy && profile.nameCy ? profile.nameCy : profile.name,
    receivedOn: longDate(londonDate(record.receivedAt), language),
    acknowledgeBy: longDate(clocks.acknowledgeBy, language),
    updateBy: longDate(clocks.updateBy, language),
    updateSentence: update ? s.update(update.days, update.unit) : s.updateNone,
    appealSentence,
    appealBy: longDate(clocks.appealBy, language),
    appealBody,
    appealDecisionBy: longDate(clocks.appealDecisionBy, language),
    appealDecisionSentence: clocks.appealDecisionBy
      ? s.appealDecision(longDate(clocks.appealDecisionBy, language))
      : s.appealDecisionNone,
    handler: title(route?.handler),
    decisionMaker: title(route?.decisionMaker),
    redirectContact: redirect ? (cy && redirect.contactCy ? redirect.contactCy : redirect.contact) : '',
    redirectExplanation: redirect
      ? cy && redirect.explanationCy
        ? redirect.explanationCy
        : redirect.explanation
      : '',
    consentSentence: record.complaint.consentToShare ? s.consentYes : s.consentNo,
    notEligibleExplanation:
      cy && profile.eligibility.explanationCy
        ? profile.eligibility.explanationCy
        : profile.eligibility.explanation,
    outcome: label(profile.outcomes, record.outcome),
    appealOutcome: label(profile.appeal.outcomes, record.appealOutcome),
    stage: label(profile.lifecycle.states, record.state),
    ...extra,
  };
}
