import { Module } from '@nestjs/common';
import { ReadingsModule } from '../readings/readings.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';
import { PregnancyController } from './pregnancy.controller.js';
import { PregnancyService } from './pregnancy.service.js';

/** ReadingsModule: a new limit profile re-derives the person's readings with its formula. */
@Module({
  imports: [ReadingsModule],
  controllers: [PeopleController, PregnancyController],
  providers: [PeopleService, PregnancyService],
  exports: [PeopleService],
})
export class PeopleModule {}
