import type { PersonKind } from '../person.entity.js';
import type { EuWorkerCategory } from '../person-options.js';

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
  createdAt: string;
}
