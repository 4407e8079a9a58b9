import { Module } from '@nestjs/common';
import { DailyDosesService } from './daily-doses.service.js';
import { ExposureController } from './exposure.controller.js';
import { ExposureService } from './exposure.service.js';

@Module({
  controllers: [ExposureController],
  providers: [ExposureService, DailyDosesService],
  exports: [ExposureService],
})
export class ExposureModule {}
