import { Module } from '@nestjs/common';
import { PeriodCloser } from './period-closer.service.js';

/** The dose ledger's own work that runs on its own: closing ended months and years. */
@Module({ providers: [PeriodCloser] })
export class LedgerModule {}
