import type { PersonKind } from '../person.entity.js';
import type { EuWorkerCategory, IdType, Sex } from '../person-options.js';

export class PersonDto {
  id: string;
  kind: PersonKind;
  name: string;
  employeeId: string | null;
  /** The category as stored; GET /people/:id/exposure gives the one in force (its age). */
  category: string;
  profile: string;
  /** YYYY-MM-DD, or null when not known. */
  dateOfBirth: string | null;
  /** `eu` workers: A or B (2013/59/Euratom Art. 40); null when not classified. */
  euCategory: EuWorkerCategory | null;
  /** NRC Form 5/4 box 4; null when not given. */
  sex: Sex | null;
  /** NRC Form 5/4 box 3: the kind of number employeeId is; null when not given. */
  idType: IdType | null;
  createdAt: string;
}
