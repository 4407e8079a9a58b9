import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertPersonExists } from '../people/person-exists.js';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { yearOf } from '../calendar/days.js';
import { yearDays } from '../calendar/periods.js';
import { dailyTotalsIn } from '../ledger/period-sums.js';
import type { DailyDoseDto, DailyDosesDto } from './dto/daily-doses.dto.js';

/** A person's daily totals through a year, from the ledger: the dose chart's data. */
@Injectable()
export class DailyDosesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async dailyDoses(personId: string, year: number | undefined): Promise<DailyDosesDto> {
    await assertPersonExists(this.dataSource.manager, personId);
    const inYear = year ?? yearOf(dayInZone(new Date(), this.config.facilityTz));
    const totals = await dailyTotalsIn(this.dataSource, personId, yearDays(inYear));
    const quantities: Record<string, DailyDoseDto[]> = {};
    for (const { quantity, day, nsv } of totals)
      (quantities[quantity] ??= []).push({ day, doseMSv: nanosievertsToMillisieverts(nsv) });
    return { personId, year: inYear, quantities };
  }
}
