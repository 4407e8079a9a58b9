import { Module } from '@nestjs/common';
import { PatientExposureService } from './patient-exposure.service.js';
import { PatientRankingService } from './patient-ranking.service.js';
import { PatientsController } from './patients.controller.js';

@Module({
  controllers: [PatientsController],
  providers: [PatientExposureService, PatientRankingService],
})
export class PatientsModule {}
