import { Module } from '@nestjs/common';
import { AttributionService } from '../readings/attribution.service.js';
import { ReadingsModule } from '../readings/readings.module.js';
import { BADGE_REATTRIBUTION } from './badge-reattribution.js';
import { DosesChangedAnnouncer } from './doses-changed.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';
import { PregnancyController } from './pregnancy.controller.js';
import { PregnancyService } from './pregnancy.service.js';

/**
 * ReadingsModule: a new limit profile re-derives the person's readings with its formula;
 * its AttributionService does that work for PeopleService (BADGE_REATTRIBUTION).
 */
@Module({
  imports: [ReadingsModule],
  controllers: [PeopleController, PregnancyController],
  providers: [
    PeopleService,
    PregnancyService,
    DosesChangedAnnouncer,
    { provide: BADGE_REATTRIBUTION, useExisting: AttributionService },
  ],
  exports: [PeopleService],
})
export class PeopleModule {}
