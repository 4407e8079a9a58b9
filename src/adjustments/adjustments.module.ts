import { Module } from '@nestjs/common';
import { AdjustmentsController } from './adjustments.controller.js';
import { AdjustmentsService } from './adjustments.service.js';
import { DoseEstimatesController } from './dose-estimates.controller.js';
import { NotMeasuredService } from './not-measured/not-measured.service.js';
import { PriorDosesController } from './prior-doses.controller.js';

@Module({
  controllers: [AdjustmentsController, PriorDosesController, DoseEstimatesController],
  providers: [AdjustmentsService, NotMeasuredService],
})
export class AdjustmentsModule {}
