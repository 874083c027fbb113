/** The letters an office starts with; staff may change every one on the Templates tab. */
import type { PolicyProfile } from '../../model';
import type { LetterTemplate } from '../kinds';
import { WELSH } from './cy';
import { ENGLISH } from './en';

/** Welsh letters only for offices that correspond in Welsh; staff letters are English everywhere. */
export function defaultTemplates(profile: PolicyProfile): LetterTemplate[] {
  return profile.languages.includes('cy') ? [...ENGLISH, ...WELSH] : [...ENGLISH];
}
