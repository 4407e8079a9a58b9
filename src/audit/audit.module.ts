import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** Global: every domain that changes dose-relevant data records it. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
