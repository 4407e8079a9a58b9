/**
 * The API's answers, typed by the service's own response DTOs (type-only: nothing of the
 * server is bundled), so a change to a DTO breaks this build rather than the page.
 */
export type { AlertDto as Alert } from '../../src/alerts/dto/alert.dto.js';
export type { SessionDto as Session } from '../../src/auth/dto/session.dto.js';
export type { BadgeDto as Badge } from '../../src/badges/dto/badge.dto.js';
export type { DashboardDto as Dashboard } from '../../src/dashboard/dto/dashboard.dto.js';
export type { DailyDosesDto as DailyDoses } from '../../src/exposure/dto/daily-doses.dto.js';
export type {
  ExposureDto as Exposure,
  QuantityExposureDto as QuantityExposure,
} from '../../src/exposure/dto/exposure.dto.js';
export type { PatientExposureDto as PatientExposure } from '../../src/patients/dto/patient-exposure.dto.js';
export type { ReadingPageDto as ReadingPage } from '../../src/readings/dto/reading-list.dto.js';
export type { PersonDto as Person } from '../../src/people/dto/person.dto.js';
export type { PersonLimitDto as PersonLimit } from '../../src/limits/dto/person-limit.dto.js';
export type { PregnancyDto as Pregnancy } from '../../src/people/dto/pregnancy.dto.js';
export type { AdjustmentDto as Adjustment } from '../../src/adjustments/dto/adjustment.dto.js';
export type { AssignmentDto as Assignment } from '../../src/badges/dto/assignment.dto.js';
