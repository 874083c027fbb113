/** The values that fill a letter's placeholders, in the letter's language. */
import type { CaseRecord, Clocks, Language, LocalDate, OfficeContact, PolicyProfile } from '../model';
import { roleTitle } from '../profile';
import { londonDate } from '../calendar';
import { redirectRuleOf } from '../routing';
import { KIND_INFO, type LetterKind } from './kinds';

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
    consentNo:
      'You have not given us permission to pass your complaint on, so please contact them yourself. If you would like us to send it to them for you, reply to this letter and tell us.',
    consentSafeguarding:
      'Because you told us about a risk to someone’s safety, we will pass your complaint on to them straight away so they can act, and let you know when we have.',
    team: 'Complaints Team',
    contact: { address: 'Address', phone: 'Phone', email: 'Email' },
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
      'Nid ydych chi wedi rhoi caniatâd i ni anfon eich cwyn ymlaen, felly cysylltwch â nhw eich hun os gwelwch yn dda. Os hoffech i ni ei hanfon atyn nhw ar eich rhan, atebwch y llythyr hwn a dywedwch wrthym.',
    consentSafeguarding:
      'Gan i chi ddweud wrthym am risg i ddiogelwch rhywun, byddwn yn anfon eich cwyn ymlaen atyn nhw ar unwaith er mwyn iddyn nhw weithredu, ac yn rhoi gwybod i chi pan fyddwn wedi gwneud hynny.',
    team: 'Tîm Cwynion',
    contact: { address: 'Cyfeiriad', phone: 'Ffôn', email: 'E-bost' },
  },
};

/** Redirects that would hand the complaint to another body, so consent matters (001 ¶10). */
const PASSED_ON: ReadonlySet<string> = new Set([
  'police-and-crime-panel',
  'police-force',
  'partner-organisation',
]);

/**
 * Whether the office itself passes this redirected complaint on to the other body: the complainant agreed,
 * or a safeguarding concern was raised, when it may not be possible to ask first (001 ¶10).
 */
export function passesOn(profile: PolicyProfile, record: CaseRecord): 'consent' | 'safeguarding' | null {
  const route = record.route;
  if (!route?.redirectTo || !PASSED_ON.has(route.redirectTo)) return null;
  if (redirectRuleOf(profile, route)?.reportDirectly === true) return null;
  if (record.complaint.consentToShare === true) return 'consent';
  if (record.complaint.safeguarding === true) return 'safeguarding';
  return null;
}

/** The office's contact block for the foot of a letter: one line per part given, none when all are blank. */
export function officeContactBlock(contact: OfficeContact, language: Language): string {
  const words = SENTENCES[language].contact;
  return (['address', 'phone', 'email'] as const)
    .map((part) => {
      const value = (contact[part] ?? '').replace(/\s*\n\s*/g, ', ').trim();
      return value ? `${words[part]}: ${value}` : '';
    })
    .filter(Boolean)
    .join('\n');
}

/** Who signs a letter of this kind (KIND_INFO), as a role title in the letter's language. */
export function signatureFor(
  profile: PolicyProfile,
  record: CaseRecord,
  kind: LetterKind,
  language: Language,
): string {
  const signer = KIND_INFO[kind].signedBy;
  // A role that took the handling on personally (002 §4.8) is the person considering the complaint.
  const role =
    signer === 'decision-maker'
      ? (record.handledBy ?? record.route?.decisionMaker)
      : signer === 'appeal-body'
        ? record.route?.appealBody
        : null;
  return role ? roleTitle(profile, role, language) : SENTENCES[language].team;
}

/** Who looks at the complaint and who decides: one sentence when it is the same person. */
function whoSentence(handler: string, decisionMaker: string, language: Language): string {
  if (!handler && !decisionMaker) return '';
  if (language === 'cy') {
    return handler === decisionMaker || !decisionMaker
      ? `Pwy fydd yn edrych ar eich cwyn ac yn penderfynu beth sy’n digwydd: ${handler || decisionMaker}.`
      : `Pwy fydd yn edrych ar eich cwyn yn gyntaf: ${handler || decisionMaker}.\nPwy fydd yn penderfynu beth sy’n digwydd: ${decisionMaker}.`;
  }
  return handler === decisionMaker || !decisionMaker
    ? `Our ${handler || decisionMaker} will look at your complaint and decide what happens.`
    : `Our ${handler || decisionMaker} will look at your complaint first. Our ${decisionMaker} will decide what happens.`;
}

/** Whether this complainant could still appeal this case, whatever stage it is at. */
export function appealPossible(profile: PolicyProfile, record: CaseRecord): boolean {
  return (
    profile.appeal.allowed &&
    Boolean(record.route?.appealBody) &&
    !(record.handledBy && profile.appeal.noAppealWhenHandledBy.includes(record.handledBy))
  );
}

function consentSentence(profile: PolicyProfile, record: CaseRecord, language: Language): string {
  const s = SENTENCES[language];
  const route = record.route;
  if (!route?.redirectTo || !PASSED_ON.has(route.redirectTo)) return '';
  if (redirectRuleOf(profile, route)?.reportDirectly === true) return '';
  const passed = passesOn(profile, record);
  return passed === 'consent'
    ? s.consentYes
    : passed === 'safeguarding'
      ? s.consentSafeguarding
      : s.consentNo;
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
  const redirect = redirectRuleOf(profile, route ?? null);
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
    whoSentence: whoSentence(title(route?.handler), title(route?.decisionMaker), language),
    redirectContact: redirect ? (cy && redirect.contactCy ? redirect.contactCy : redirect.contact) : '',
    redirectExplanation: redirect
      ? cy && redirect.explanationCy
        ? redirect.explanationCy
        : redirect.explanation
      : '',
    consentSentence: consentSentence(profile, record, language),
    signature: s.team,
    officeContact: '',
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
