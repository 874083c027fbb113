/** Builds the public complaint form from the question data in form-questions.ts. */
import type { PolicyProfile } from '../core/model';
import { choiceText, questionHelp, questionTitle, questionsFor } from './form-questions';

type Form = GoogleAppsScript.Forms.Form;

export function buildForm(form: Form, profile: PolicyProfile): void {
  const welsh = profile.languages.includes('cy');
  form.setDescription(
    welsh
      ? `Tell ${profile.name} about something that went wrong. We will reply within 5 working days.\n\nDywedwch wrth ${profile.nameCy ?? profile.name} am rywbeth a aeth o’i le. Byddwn yn ateb o fewn 5 diwrnod gwaith.`
      : `Tell the ${profile.name} about something that went wrong. We will reply within 5 working days.`,
  );
  form.setConfirmationMessage(
    welsh
      ? 'Thank you. We have received your complaint and will write to you with your reference number.\n\nDiolch. Rydym wedi cael eich cwyn a byddwn yn ysgrifennu atoch chi gyda’ch cyfeirnod.'
      : 'Thank you. We have received your complaint and will write to you with your reference number.',
  );
  form.setAllowResponseEdits(false);
  form.setProgressBar(false);
  for (const q of questionsFor(profile)) {
    const title = questionTitle(profile, q);
    const help = questionHelp(profile, q);
    const choices = (q.choices ?? []).map((c) => choiceText(profile, c));
    switch (q.type) {
      case 'text': {
        const item = form.addTextItem().setTitle(title).setRequired(Boolean(q.required));
        if (help) item.setHelpText(help);
        break;
      }
      case 'paragraph': {
        const item = form.addParagraphTextItem().setTitle(title).setRequired(Boolean(q.required));
        if (help) item.setHelpText(help);
        break;
      }
      case 'choice': {
        const item = form
          .addMultipleChoiceItem()
          .setTitle(title)
          .setChoiceValues(choices)
          .setRequired(Boolean(q.required));
        if (help) item.setHelpText(help);
        break;
      }
      case 'checkbox': {
        const item = form
          .addCheckboxItem()
          .setTitle(title)
          .setChoiceValues(choices)
          .setRequired(Boolean(q.required));
        if (help) item.setHelpText(help);
        break;
      }
    }
  }
}
