import { Module } from '@nestjs/common';
import { AlaraLevelsService } from './alara-levels.service.js';
import { LimitProfilesController } from './limit-profiles.controller.js';
import { LimitProfilesService } from './limit-profiles.service.js';
import { PersonLimitsController } from './person-limits.controller.js';
import { PersonLimitsService } from './person-limits.service.js';

@Module({
  controllers: [LimitProfilesController, PersonLimitsController],
  providers: [LimitProfilesService, PersonLimitsService, AlaraLevelsService],
})
export class LimitsModule {}
