import { Module } from '@nestjs/common';
import { ReadingsModule } from '../readings/readings.module.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';
import { BadgesController } from './badges.controller.js';
import { BadgesService } from './badges.service.js';

/** ReadingsModule: registering or assigning a badge re-attributes its held readings. */
@Module({
  imports: [ReadingsModule],
  controllers: [BadgesController, AssignmentsController],
  providers: [BadgesService, AssignmentsService],
  exports: [BadgesService],
})
export class BadgesModule {}
