import { Module } from '@nestjs/common';
import { AlaraLevelsService } from './alara-levels.service.js';
import { LimitProfilesController } from './limit-profiles.controller.js';
import { LimitProfilesService } from './limit-profiles.service.js';
import { PersonLimitsController } from './person-limits.controller.js';
import { PersonLimitsService } from './person-limits.service.js';
import { PatientThresholdsController } from './patient-thresholds.controller.js';
import { PatientThresholdsService } from './patient-thresholds.service.js';

@Module({
  controllers: [LimitProfilesController, PersonLimitsController, PatientThresholdsController],
  providers: [
    LimitProfilesService,
    PersonLimitsService,
    AlaraLevelsService,
    PatientThresholdsService,
  ],
})
export class LimitsModule {}
