import type { PersonKind } from '../person.entity.js';

export class PersonDto {
  id: string;
  kind: PersonKind;
  name: string;
  employeeId: string | null;
  category: string;
  profile: string;
  createdAt: string;
}
