import { DoseAdjustment } from './adjustments/dose-adjustment.entity.js';
import { DoseEstimate } from './adjustments/not-measured/dose-estimate.entity.js';
import { PriorDose } from './adjustments/not-measured/prior-dose.entity.js';
import { Alert } from './alerts/alert.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { User } from './auth/user.entity.js';
import { BadgeAssignment } from './badges/badge-assignment.entity.js';
import { Badge } from './badges/badge.entity.js';
import { RejectedMessage } from './ingest/rejected-message.entity.js';
import { AlaraLevel } from './limits/alara-level.entity.js';
import { DoseLimit } from './limits/dose-limit.entity.js';
import { DoseProfile } from './limits/dose-profile.entity.js';
import { TwoBadgeAlgorithm } from './limits/two-badge-algorithm.entity.js';
import { PersonLimit } from './limits/person-limit.entity.js';
import { Modality } from './modalities/modality.entity.js';
import { PatientExposure } from './patients/patient-exposure.entity.js';
import { PatientAlertThreshold } from './limits/patient-alert-threshold.entity.js';
import { PatientDoseReport } from './dicom/patient-dose-report.entity.js';
import { Person } from './people/person.entity.js';
import { Pregnancy } from './people/pregnancy.entity.js';
import { PersonStanding } from './alerts/person-standing.entity.js';
import { BadgeRegister } from './readings/badge-register.entity.js';
import { DailyDose } from './ledger/daily-dose.entity.js';
import { DoseMonthClose } from './ledger/dose-month-close.entity.js';
import { DoseMonthTotal } from './ledger/dose-month-total.entity.js';
import { DoseYearClose } from './ledger/dose-year-close.entity.js';
import { DoseYearTotal } from './ledger/dose-year-total.entity.js';
import { Reading } from './readings/reading.entity.js';
import { SeqGapCandidate } from './readings/seq-gap-candidate.entity.js';

/** Every entity, listed once: the app and the migration CLI see the same schema. */
export const entities = [
  User,
  Person,
  Badge,
  BadgeAssignment,
  Reading,
  DailyDose,
  RejectedMessage,
  AuditEntry,
  DoseProfile,
  TwoBadgeAlgorithm,
  DoseLimit,
  AlaraLevel,
  PersonLimit,
  Pregnancy,
  Alert,
  PersonStanding,
  PatientExposure,
  PatientAlertThreshold,
  PatientDoseReport,
  BadgeRegister,
  DoseAdjustment,
  PriorDose,
  DoseEstimate,
  DoseYearTotal,
  DoseYearClose,
  DoseMonthTotal,
  DoseMonthClose,
  SeqGapCandidate,
  Modality,
];
