import { Module } from '@nestjs/common';
import { ASSIGNMENT_CORRECTION_BOOK } from '../badges/assignment-correction.js';
import { AdjustmentsController } from './adjustments.controller.js';
import { AdjustmentsService } from './adjustments.service.js';
import { DoseEstimatesController } from './dose-estimates.controller.js';
import { NotMeasuredService } from './not-measured/not-measured.service.js';
import { PriorDosesController } from './prior-doses.controller.js';
import { ReattributionRecords } from './reattribution-records.js';

/** Also keeps, for BadgesModule, the dose a corrected assignment moved (ASSIGNMENT_CORRECTION_BOOK). */
@Module({
  controllers: [AdjustmentsController, PriorDosesController, DoseEstimatesController],
  providers: [
    AdjustmentsService,
    NotMeasuredService,
    { provide: ASSIGNMENT_CORRECTION_BOOK, useClass: ReattributionRecords },
  ],
  exports: [ASSIGNMENT_CORRECTION_BOOK],
})
export class AdjustmentsModule {}
