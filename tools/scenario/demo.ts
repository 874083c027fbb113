/**
 * The demo's built-in scenario: about sixty days of a realistic caseload for any profile. Names and
 * addresses are invented; email addresses use the reserved example.org domain.
 */
import type { PolicyProfile } from '../../src/core/model';
import type { Scenario } from '../simulation';

const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 2, 2 + n, hour, 0)).toISOString();
/** The calendar day of `day(n)`, as staff type a date. */
const date = (n: number) => day(n).slice(0, 10);

/** What staff write in place of the guidance in a draft letter before approving it. */
const EXPLANATION = {
  outcome:
    'We spoke to the staff involved and read the notes of your calls. You should have been called back, and you were not. We are sorry. From now on, every call-back request is logged and checked each week by a manager.',
  postal:
    'We found that your mother’s letter was filed without a reply. We are sorry. We have written to her today about the grant, and post is now checked by two people.',
  update:
    'We have spoken to the reception team and we are checking what happened when you visited. We expect to tell you the outcome within the next four weeks.',
  updateCy:
    'Rydym wedi siarad â’r tîm yn y dderbynfa ac rydym yn edrych ar beth ddigwyddodd pan ddaethoch chi i’r swyddfa. Rydym yn disgwyl rhoi gwybod i chi beth yw’r canlyniad o fewn y pedair wythnos nesaf.',
  appeal:
    'The Chief Executive read the file again and found that the complaint was handled as our policy says, and the outcome was reasonable.',
};

export function demoScenario(profile: PolicyProfile): Scenario {
  const closed = profile.lifecycle.states.find((s) => s.kind === 'closed');
  const welsh = profile.languages.includes('cy');
  const events: Scenario['events'] = [
    {
      at: day(0, 9),
      submit: {
        channel: 'form',
        name: 'Margaret Hughes',
        email: 'margaret.hughes@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'staff',
        subjectName: 'Victim services coordinator',
        description:
          'I was promised a call back about my referral to victim support three times and nobody called. It has been five weeks.',
        desiredOutcome: 'An apology and a named contact.',
        adjustments: 'Please call after 3pm, I work mornings.',
      },
    },
    {
      at: day(1, 14),
      submit: {
        channel: 'form',
        name: 'David Okafor',
        email: 'd.okafor@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'pcc',
        description:
          'The Commissioner made misleading statements about funding for my area at a public meeting.',
      },
    },
    {
      at: day(2, 11),
      submit: {
        channel: 'form',
        name: 'Priya Shah',
        email: 'priya.shah@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'witness',
        subject: 'police',
        description: 'I saw two officers being rough with a young man outside the station on Friday night.',
      },
    },
    {
      at: day(3, 16),
      submit: {
        channel: 'form',
        name: 'Tom Baker',
        email: 'not an email',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'organisation',
        description: '=HYPERLINK("http://bad.example","help")',
      },
    },
    {
      at: day(4, 10),
      submit: {
        channel: 'post',
        // The letter came on Tuesday; staff logged it on Friday. Its clocks start on the Tuesday.
        receivedOn: date(1),
        name: 'Eileen Parry',
        address: '12 Church Lane, Market Town, AB1 2CD',
        preferredContact: 'post',
        language: 'en',
        relationship: 'on-behalf',
        subject: 'organisation',
        description:
          'My mother wrote to the office about a grant for her community group and got no reply at all in two months.',
      },
    },
    {
      at: day(6, 12),
      submit: {
        channel: 'form',
        name: 'Gareth Lloyd',
        email: 'gareth.lloyd@example.org',
        preferredContact: 'email',
        language: welsh ? 'cy' : 'en',
        relationship: 'affected',
        subject: 'staff',
        description: welsh
          ? 'Cefais fy nhrin yn anghwrtais gan aelod o staff yn y dderbynfa pan ofynnais am wybodaeth yn Gymraeg.'
          : 'A member of staff at reception was rude to me when I asked for information.',
      },
    },
    {
      at: day(7, 15),
      submit: {
        channel: 'form',
        name: 'Lee Carter',
        email: 'lee.carter@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'staff',
        allegesCrime: true,
        description: 'Someone who works at the office took money from my late father’s account.',
      },
    },
    {
      at: day(8, 9),
      submit: {
        channel: 'email',
        name: 'Anonymous insider',
        email: 'insider@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'organisation',
        whistleblowing: true,
        description: 'Grant money is being awarded to organisations run by friends of a senior manager.',
      },
    },
    {
      at: day(9, 13),
      submit: {
        channel: 'form',
        name: 'Chris Patel',
        email: 'chris.patel@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'opcc-staff',
        subject: 'staff',
        description: 'My line manager keeps changing my rota without notice.',
      },
    },
    {
      at: day(11, 10),
      submit: {
        channel: 'social',
        name: 'Jo Williams',
        email: 'jo.williams@example.org',
        preferredContact: 'email',
        language: 'en',
        relationship: 'affected',
        subject: 'partner-organisation',
        consentToShare: true,
        description: 'The victim support charity the office pays for cancelled three appointments with me.',
      },
    },
    {
      at: day(13, 11),
      submit: {
        channel: 'phone',
        name: 'Bill Turner',
        phone: '01632 960 123',
        preferredContact: 'phone',
        language: 'en',
        relationship: 'affected',
        subject: 'senior-manager',
        description:
          'A senior manager promised to attend our residents’ meeting about antisocial behaviour and did not come.',
      },
    },
    // A decision only where the first stage records one (West Midlands' Stage 1 is informal, for example).
    ...(firstDecision(profile)
      ? [{ at: day(2, 9), action: { case: 1, do: 'decide', decision: firstDecision(profile) } }]
      : []),
    // The malformed one: staff call the person, correct the email address, then accept it into the procedure.
    { at: day(5, 9), action: { case: 4, do: 'edit', column: 'Email', value: 'tom.baker@example.org' } },
    { at: day(5, 10), action: { case: 4, do: 'accept' } },
    // The posted complaint's acknowledgement is printed and posted; the phoned one's is a call.
    { at: day(8, 10), action: { case: 5, do: 'mark-printed' } },
    { at: day(15, 10), action: { case: 11, do: 'mark-phoned' } },
    // Jo agreed that we pass her complaint to the charity: staff send it, and mark the task done.
    { at: day(12, 11), action: { case: 10, do: 'mark-done' } },
    // Gareth writes to say he has a new email address.
    { at: day(16, 10), action: { case: 6, do: 'edit', column: 'Email', value: 'g.lloyd@example.org' } },
    { at: day(27, 10), action: { case: 5, do: 'record-update' } },
    { at: day(30, 11), action: { case: 6, do: 'record-update' } },
    // Gareth's next progress update: the draft comes on day 53; staff write the update into it, approve
    // it, and record that it went.
    // (Where the policy sets no update interval there is no draft: the progress check reminds staff.)
    ...(profile.clocks.update
      ? [
          {
            at: day(53, 10),
            action: {
              case: 6,
              do: 'approve',
              letter: 'progress-update',
              explanation: welsh ? EXPLANATION.updateCy : EXPLANATION.update,
            },
          },
          { at: day(53, 11), action: { case: 6, do: 'record-update' } },
        ]
      : []),
    {
      at: day(45, 15),
      action: { case: 5, do: 'close', outcome: profile.outcomes[0]!.id },
    },
    {
      at: day(46, 9),
      action: { case: 5, do: 'approve', letter: 'outcome', explanation: EXPLANATION.postal },
    },
    { at: day(47, 10), action: { case: 5, do: 'mark-printed' } },
    {
      at: day(20, 15),
      // Upheld: the explanation the staff write says sorry.
      action: {
        case: 1,
        do: 'close',
        outcome: (profile.outcomes.find((o) => o.upheld) ?? profile.outcomes[0]!).id,
      },
    },
    {
      at: day(21, 9),
      action: { case: 1, do: 'approve', letter: 'outcome', explanation: EXPLANATION.outcome },
    },
    { at: day(12, 10), action: { case: 6, do: 'pause' } },
    { at: day(19, 10), action: { case: 6, do: 'resume' } },
  ];
  if (closed && profile.appeal.allowed) {
    // The appeal letter arrived on day 28 and was logged two days later: the date it arrived counts.
    events.push({ at: day(30, 10), action: { case: 1, do: 'appeal', received: date(28) } });
    const decider = profile.lifecycle.transitions.find((t) => t.guards?.includes('appeal-outcome-given'));
    const as = decider && decider.actors !== 'any' ? decider.actors[0] : undefined;
    events.push({
      at: day(40, 10),
      action: {
        case: 1,
        do: 'appeal-decision',
        outcome: profile.appeal.outcomes[1]?.id ?? profile.appeal.outcomes[0]!.id,
        ...(as ? { as } : {}),
      },
    });
    events.push({
      at: day(41, 9),
      action: { case: 1, do: 'approve', letter: 'appeal-outcome', explanation: EXPLANATION.appeal },
    });
  }
  // A subject access request from the first complainant, answered from the menu on day 45.
  events.push({ at: day(45, 11), run: 'findPersonData', args: ['margaret.hughes@example.org'] });
  return { start: day(0, 8), end: day(60, 18), events };
}

function firstDecision(profile: PolicyProfile): string {
  const initial = profile.lifecycle.states.find((s) => s.id === profile.lifecycle.initial.inScope);
  return initial?.decisions[0]?.id ?? '';
}
