import { Module } from '@nestjs/common';
import { ASSIGNMENT_CORRECTION_BOOK } from '../badges/assignment-correction.js';
import { AdjustmentsController } from './adjustments.controller.js';
import { AdjustmentsService } from './adjustments.service.js';
import { ReattributionRecords } from './reattribution-records.js';

/** Also keeps, for BadgesModule, the dose a corrected assignment moved (ASSIGNMENT_CORRECTION_BOOK). */
@Module({
  controllers: [AdjustmentsController],
  providers: [
    AdjustmentsService,
    { provide: ASSIGNMENT_CORRECTION_BOOK, useClass: ReattributionRecords },
  ],
  exports: [ASSIGNMENT_CORRECTION_BOOK],
})
export class AdjustmentsModule {}
