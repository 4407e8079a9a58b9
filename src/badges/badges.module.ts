import { Module } from '@nestjs/common';
import { AdjustmentsModule } from '../adjustments/adjustments.module.js';
import { ReadingsModule } from '../readings/readings.module.js';
import { AssignmentPeriods } from './assignment-periods.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';
import { BadgesController } from './badges.controller.js';
import { BadgesService } from './badges.service.js';
import { MyBadgesController } from './my-badges.controller.js';

/**
 * ReadingsModule: registering or assigning a badge re-attributes its held readings.
 * AdjustmentsModule: a corrected assignment books the dose it moved (ASSIGNMENT_CORRECTION_BOOK).
 */
@Module({
  imports: [ReadingsModule, AdjustmentsModule],
  controllers: [BadgesController, AssignmentsController, MyBadgesController],
  providers: [BadgesService, AssignmentsService, AssignmentPeriods],
  exports: [BadgesService],
})
export class BadgesModule {}
