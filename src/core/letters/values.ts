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

type Unit = 'working' | 'calendar';

const SENTENCES = {
  en: {
    span: (days: number, unit: Unit) => `${days} ${unit === 'working' ? 'working days' : 'days'}`,
    update: (span: string) => `We will update you on progress at least every ${span}.`,
    updateBy: (date: string) => ` You will hear from us by ${date} at the latest.`,
    updateNone: 'We will keep you informed while we deal with your complaint.',
    appeal: (span: string, body: string) =>
      `If you are unhappy with the outcome, you can ask for a review within ${span} of our final letter. Our ${body} would consider it.`,
    appealBy: (date: string, body: string) =>
      `If you are unhappy with the outcome, you can ask for a review. Please reply to this letter by ${date} and tell us why. Our ${body} will consider it.`,
    noAppeal: 'The outcome of this complaints procedure is final.',
    appealDecision: (date: string) => `We aim to give you an answer by ${date}.`,
    appealDecisionNone: 'We will give you an answer as soon as we can.',
    consentYes:
      'You told us we may pass your complaint on. We will send it to them and let you know when we have.',
    consentNo: 'You have not given us permission to pass your complaint on, so please contact them yourself.',
  },
  cy: {
    span: (days: number, unit: Unit) => `${days} ${unit === 'working' ? 'diwrnod gwaith' : 'diwrnod'}`,
    update: (span: string) => `Byddwn yn rhoi gwybod i chi sut mae pethau’n mynd o leiaf bob ${span}.`,
    updateBy: (date: string) => ` Byddwch yn clywed gennym erbyn ${date} fan bellaf.`,
    updateNone: 'Byddwn yn rhoi’r wybodaeth ddiweddaraf i chi wrth i ni ddelio â’ch cwyn.',
    appeal: (span: string, body: string) =>
      `Os nad ydych chi’n hapus â’r canlyniad, gallwch ofyn am adolygiad o fewn ${span} i’n llythyr olaf. Pwy fydd yn ei ystyried: ${body}.`,
    appealBy: (date: string, body: string) =>
      `Os nad ydych chi’n hapus â’r canlyniad, gallwch ofyn am adolygiad. Atebwch y llythyr hwn erbyn ${date} a dywedwch wrthym pam. Pwy fydd yn ei ystyried: ${body}.`,
    noAppeal: 'Mae canlyniad y drefn gwyno hon yn derfynol.',
    appealDecision: (date: string) => `Ein nod yw rhoi ateb i chi erbyn ${date}.`,
    appealDecisionNone: 'Byddwn yn rhoi ateb i chi cyn gynted ag y gallwn.',
    consentYes:
      'Dywedoch chi y cawn ni anfon eich cwyn ymlaen. Byddwn yn ei hanfon atyn nhw ac yn rhoi gwybod i chi pan fyddwn wedi gwneud hynny.',
    consentNo:
      'Nid ydych chi wedi rhoi caniatâd i ni anfon eich cwyn ymlaen, felly cysylltwch â nhw eich hun os gwelwch yn dda.',
  },
};

/** Redirects that would hand the complaint to another body, so consent matters (001 ¶10). */
const PASSED_ON: ReadonlySet<string> = new Set([
  'police-and-crime-panel',
  'police-force',
  'partner-organisation',
]);

/** Whether this complainant could still appeal this case, whatever stage it is at. */
export function appealPossible(profile: PolicyProfile, record: CaseRecord): boolean {
  return (
    profile.appeal.allowed &&
    Boolean(record.route?.appealBody) &&
    !(record.handledBy && profile.appeal.noAppealWhenHandledBy.includes(record.handledBy))
  );
}

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
  const canAppeal = appealPossible(profile, record);
  const appealWindow = canAppeal && window ? s.span(window.days, window.unit) : '';
  let appealSentence = s.noAppeal;
  if (canAppeal && clocks.appealBy)
    appealSentence = s.appealBy(longDate(clocks.appealBy, language), appealBody);
  else if (appealWindow) appealSentence = s.appeal(appealWindow, appealBody);
  const label = (list: readonly { id: string; label: string; labelCy?: string }[], id: string | null) => {
    const item = list.find((x) => x.id === id);
    return item ? (cy && item.labelCy ? item.labelCy : item.label) : '';
  };
  const update = profile.clocks.update;
  const updateEvery = update ? s.span(update.days, update.unit) : '';
  const updateBy = longDate(clocks.updateBy, language);
  return {
    reference: record.reference,
    name: record.complaint.name ?? '',
    officeName: cy && profile.nameCy ? profile.nameCy : profile.name,
    receivedOn: longDate(londonDate(record.receivedAt), language),
    acknowledgeBy: longDate(clocks.acknowledgeBy, language),
    updateBy,
    updateEvery: updateEvery && (language === 'cy' ? `bob ${updateEvery}` : `every ${updateEvery}`),
    updateSentence: updateEvery ? s.update(updateEvery) + (updateBy && s.updateBy(updateBy)) : s.updateNone,
    appealWindow,
    appealSentence,
    appealBy: longDate(clocks.appealBy, language),
    appealBody,
    appealDecisionBy: longDate(clocks.appealDecisionBy, language),
    reviewBy: longDate(clocks.reviewBy, language),
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
    consentSentence:
      route?.redirectTo && PASSED_ON.has(route.redirectTo)
        ? record.complaint.consentToShare
          ? s.consentYes
          : s.consentNo
        : '',
    notEligibleExplanation: notEligibleExplanation(profile, record, cy),
    outcome: label(profile.outcomes, record.outcome),
    appealOutcome: label(profile.appeal.outcomes, record.appealOutcome),
    stage: label(profile.lifecycle.states, record.state),
    ...extra,
  };
}

/** Why the person may not use the procedure: the exclusion they answered yes to (000 §5), else who may complain. */
function notEligibleExplanation(profile: PolicyProfile, record: CaseRecord, cy: boolean): string {
  const excluded = (profile.exclusions ?? []).find((q) => record.complaint.exclusions?.includes(q.id));
  const rule = excluded ?? profile.eligibility;
  return cy && rule.explanationCy ? rule.explanationCy : rule.explanation;
}
