import { Module, type DynamicModule } from '@nestjs/common';
import { AdjustmentsModule } from './adjustments/adjustments.module.js';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BadgesModule } from './badges/badges.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DicomModule } from './dicom/dicom.module.js';
import { ExposureModule } from './exposure/exposure.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { LimitsModule } from './limits/limits.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ModalitiesModule } from './modalities/modalities.module.js';
import type { DevicePublishes } from './mqtt/device-publishes.js';
import { MqttModule } from './mqtt/mqtt.module.js';
import { PatientsModule } from './patients/patients.module.js';
import { PeopleModule } from './people/people.module.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({})
export class AppModule {
  /** `devicePublishes`: the embedded broker's device messages (runtime.ts), none otherwise. */
  static forRoot(config: AppConfig, devicePublishes?: DevicePublishes): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventEmitterModule.forRoot(),
        DatabaseModule.forRoot(config),
        LedgerModule,
        MetricsModule,
        MqttModule.forRoot(devicePublishes),
        AuditModule,
        AuthModule,
        PeopleModule,
        BadgesModule,
        IngestModule,
        DicomModule,
        ExposureModule,
        PatientsModule,
        ModalitiesModule,
        LimitsModule,
        HealthModule,
        ScheduleModule.forRoot(),
        AlertsModule,
        NotificationsModule,
        DashboardModule,
        AdjustmentsModule,
        ReportsModule,
      ],
    };
  }
}
