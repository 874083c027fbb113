/**
 * Default letters in Welsh, for offices that correspond in Welsh (a Welsh public body writes in Welsh when
 * the person asks). Formal "chi" register. Names of people and roles are given after a colon so that no
 * mutation depends on the value put in.
 */
import type { LetterTemplate } from '../kinds';

const SIGN_OFF = `Yn gywir,

{{signature}}
{{officeName}}
{{officeContact}}`;

const T = (kind: LetterTemplate['kind'], subject: string, body: string, variant = ''): LetterTemplate => ({
  kind,
  language: 'cy',
  variant,
  subject,
  body,
});

const REDIRECT_OPENING: Record<string, string> = {
  'police-and-crime-panel':
    'Mae eich cwyn am ymddygiad y Comisiynydd Heddlu a Throseddu ei hun, felly nid yw’n rhywbeth y gall ein swyddfa ni benderfynu arno.',
  'police-force': 'Mae angen i’ch cwyn fynd at yr heddlu yn hytrach nag at ein swyddfa ni.',
  grievance: 'Fel aelod o’n staff, gallwch godi hyn drwy ein trefn fewnol ar gyfer pryderon staff.',
  whistleblowing:
    'Mae’r hyn a ddywedoch chi wrthym yn swnio fel adroddiad am gamwedd difrifol. Mae trefn arbennig ar gyfer adroddiadau fel hyn, sy’n diogelu’r person sy’n eu gwneud.',
  'partner-organisation':
    'Mae eich cwyn am sefydliad rydym yn gweithio gydag ef neu’n ei ariannu. Mae gan y sefydliad hwnnw ei drefn gwyno ei hun, a dylai edrych arni yn gyntaf.',
};

const redirect = (variant: string): LetterTemplate =>
  T(
    'redirect',
    'Ynglŷn â’ch cwyn ({{reference}})',
    `Annwyl {{name}},

Diolch am gysylltu â ni yn {{officeName}}. Rydym wedi rhoi’r cyfeirnod {{reference}} i’ch cwyn.

${REDIRECT_OPENING[variant] ?? ''}

{{redirectExplanation}}

Pwy i gysylltu â nhw: {{redirectContact}}.

{{consentSentence}}

Os ydych chi’n meddwl ein bod wedi camddeall eich cwyn, atebwch y llythyr hwn a rhowch eich cyfeirnod.

${SIGN_OFF}`,
    variant,
  );

export const WELSH: LetterTemplate[] = [
  T(
    'acknowledgement',
    'Rydym wedi cael eich cwyn ({{reference}})',
    `Annwyl {{name}},

Diolch am gysylltu â ni yn {{officeName}}. Y dyddiad y cawsom eich cwyn: {{receivedOn}}. Eich cyfeirnod yw {{reference}}. Rhowch y cyfeirnod hwn bob tro y byddwch yn cysylltu â ni am y gŵyn hon.

Beth sy’n digwydd nesaf
{{whoSentence}}
{{updateSentence}}
Os bydd angen rhagor o wybodaeth arnom gennych chi, byddwn yn cysylltu â chi.

Help y gallwn ei gynnig
Oes angen unrhyw help neu newidiadau arnoch chi er mwyn i chi allu cymryd rhan? Er enghraifft: print bras, cyfieithydd, neu alwadau ffôn ar adegau penodol yn unig. Atebwch y llythyr hwn a rhowch wybod i ni.

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
    'Ynglŷn â’ch cwyn ({{reference}})',
    `Annwyl {{name}},

Diolch am gysylltu â ni yn {{officeName}}. Rydym wedi rhoi’r cyfeirnod {{reference}} i’ch cwyn.

{{notEligibleExplanation}}

Os hoffech chi siarad am hyn, atebwch y llythyr hwn a rhowch eich cyfeirnod.

${SIGN_OFF}`,
  ),
  T(
    'progress-update',
    'Y wybodaeth ddiweddaraf am eich cwyn ({{reference}})',
    `Annwyl {{name}},

Rydym yn ysgrifennu i roi gwybod i chi sut mae eich cwyn {{reference}} yn mynd.

[Ysgrifennwch y diweddariad yma cyn cymeradwyo’r llythyr hwn.]

Byddwn yn ysgrifennu atoch chi eto erbyn {{updateBy}}.

${SIGN_OFF}`,
  ),
  T(
    'outcome',
    'Canlyniad eich cwyn ({{reference}})',
    `Annwyl {{name}},

Rydym wedi gorffen edrych ar eich cwyn {{reference}}.

Y canlyniad: {{outcome}}.

[Esboniwch beth a gafwyd, ac unrhyw beth y byddwn yn ei wneud, cyn cymeradwyo’r llythyr hwn.]

{{appealSentence}}

${SIGN_OFF}`,
  ),
  T(
    'appeal-acknowledgement',
    'Rydym wedi cael eich cais am adolygiad ({{reference}})',
    `Annwyl {{name}},

Diolch. Rydym wedi cael eich cais am adolygiad o gŵyn {{reference}}.

Pwy fydd yn ystyried eich cais: {{appealBody}}.
{{appealDecisionSentence}}

${SIGN_OFF}`,
  ),
  T(
    'appeal-outcome',
    'Canlyniad eich cais am adolygiad ({{reference}})',
    `Annwyl {{name}},

Rydym wedi gorffen adolygu cwyn {{reference}}.

Canlyniad yr adolygiad: {{appealOutcome}}.

[Esboniwch y rhesymau cyn cymeradwyo’r llythyr hwn.]

Mae’r penderfyniad hwn yn derfynol.

${SIGN_OFF}`,
  ),
];
