import { Module } from '@nestjs/common';
import { ExposureController } from './exposure.controller.js';
import { ExposureService } from './exposure.service.js';

@Module({
  controllers: [ExposureController],
  providers: [ExposureService],
  exports: [ExposureService],
})
export class ExposureModule {}
