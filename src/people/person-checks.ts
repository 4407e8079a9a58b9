import { BadRequestException } from '@nestjs/common';
import { EU_PROFILE } from './person-options.js';
import type { Person } from './person.entity.js';

/** Our bound against slips of the keyboard: nobody at work now was born before it. */
const EARLIEST_BIRTH = '1900-01-01';

/** Refuses a date of birth after the facility's `today` or before EARLIEST_BIRTH. */
export function checkDateOfBirth(dateOfBirth: string | null | undefined, today: string): void {
  if (dateOfBirth === null || dateOfBirth === undefined) return;
  if (dateOfBirth > today) throw new BadRequestException('dateOfBirth must not be in the future');
  if (dateOfBirth < EARLIEST_BIRTH)
    throw new BadRequestException(`dateOfBirth must not be before ${EARLIEST_BIRTH}`);
}

/**
 * Refuses an EU classification (2013/59/Euratom Art. 40) where it means nothing: on a patient,
 * or under another profile than `eu` (10 CFR Part 20 has no categories A and B). `profileChange`:
 * the request changes the profile but leaves the stored classification, which must go with it.
 */
export function checkEuCategory(
  person: Pick<Person, 'kind' | 'profile' | 'euCategory'>,
  profileChange = false,
): void {
  if (person.euCategory === null) return;
  if (person.kind !== 'worker')
    throw new BadRequestException('euCategory is for workers only: a patient is not classified');
  if (person.profile === EU_PROFILE) return;
  throw new BadRequestException(
    profileChange
      ? `euCategory ${person.euCategory} is for the eu profile only: send euCategory null with profile ${person.profile}`
      : `euCategory (2013/59/Euratom Art. 40) is for the eu profile only, not ${person.profile}`,
  );
}
