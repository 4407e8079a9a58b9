import { Users1795662285701 } from './1795662285701-Users.js';
import { DoseRecords1795663259113 } from './1795663259113-DoseRecords.js';
import { LimitsAlerts1795664646876 } from './1795664646876-LimitsAlerts.js';
import { AlertIndexes1795666566206 } from './1795666566206-AlertIndexes.js';
import { PersonStanding1795667596313 } from './1795667596313-PersonStanding.js';
import { PatientExposure1795671906561 } from './1795671906561-PatientExposure.js';
import { BadgeRegister1795674047387 } from './1795674047387-BadgeRegister.js';
import { DoseAdjustments1795690000000 } from './1795690000000-DoseAdjustments.js';
import { DoseYearTotals1795691000000 } from './1795691000000-DoseYearTotals.js';
import { PersonsKept1795692000000 } from './1795692000000-PersonsKept.js';
import { InPlaceUpdates1795693000000 } from './1795693000000-InPlaceUpdates.js';
import { SeqGapCandidates1795694000000 } from './1795694000000-SeqGapCandidates.js';
import { UnusedReadingIndex1795695000000 } from './1795695000000-UnusedReadingIndex.js';
import { DoseMonthTotals1795696000000 } from './1795696000000-DoseMonthTotals.js';
import { DailyDoseKeyOrder1795697000000 } from './1795697000000-DailyDoseKeyOrder.js';
import { WorkerDoseRules1795698000000 } from './1795698000000-WorkerDoseRules.js';
import { PersonBirthCategory1795698100000 } from './1795698100000-PersonBirthCategory.js';
import { AlaraLevels1795698200000 } from './1795698200000-AlaraLevels.js';
import { DoseNotMeasured1795698300000 } from './1795698300000-DoseNotMeasured.js';
import { Modalities1795698400000 } from './1795698400000-Modalities.js';
import { UserLifecycle1795698500000 } from './1795698500000-UserLifecycle.js';
import { DoseRecordFields1795698700000 } from './1795698700000-DoseRecordFields.js';
import { AlertPublication1795698800000 } from './1795698800000-AlertPublication.js';
import { Notifications1795698900000 } from './1795698900000-Notifications.js';
import { DicomDoseReports1795699100000 } from './1795699100000-DicomDoseReports.js';
import { PatientRules1795699200000 } from './1795699200000-PatientRules.js';

/**
 * Every migration, oldest first. Listed by hand because loading them by file pattern relies
 * on dynamic import, which Jest's ESM runtime breaks across test files; a test checks that
 * this list and the folder agree.
 */
export const migrations = [
  Users1795662285701,
  DoseRecords1795663259113,
  LimitsAlerts1795664646876,
  AlertIndexes1795666566206,
  PersonStanding1795667596313,
  PatientExposure1795671906561,
  BadgeRegister1795674047387,
  DoseAdjustments1795690000000,
  DoseYearTotals1795691000000,
  PersonsKept1795692000000,
  InPlaceUpdates1795693000000,
  SeqGapCandidates1795694000000,
  UnusedReadingIndex1795695000000,
  DoseMonthTotals1795696000000,
  DailyDoseKeyOrder1795697000000,
  WorkerDoseRules1795698000000,
  PersonBirthCategory1795698100000,
  AlaraLevels1795698200000,
  DoseNotMeasured1795698300000,
  Modalities1795698400000,
  UserLifecycle1795698500000,
  DoseRecordFields1795698700000,
  AlertPublication1795698800000,
  Notifications1795698900000,
  DicomDoseReports1795699100000,
  PatientRules1795699200000,
];
