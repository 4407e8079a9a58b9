import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertPersonExists } from '../people/person-exists.js';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import type { DailyDoseDto, DailyDosesDto } from './dto/daily-doses.dto.js';

/** A person's daily totals through a year, from the `daily_dose` table: the dose chart's data. */
@Injectable()
export class DailyDosesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async dailyDoses(personId: string, year: number | undefined): Promise<DailyDosesDto> {
    await assertPersonExists(this.dataSource.manager, personId);
    const inYear = year ?? Number(dayInZone(new Date(), this.config.facilityTz).slice(0, 4));
    const rows = await this.dataSource.query<{ quantity: string; day: string; dose: string }[]>(
      `SELECT quantity, to_char(day, 'YYYY-MM-DD') AS day, dose_nsv::text AS dose
         FROM daily_dose
        WHERE person_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)
        ORDER BY quantity, day`,
      [personId, inYear],
    );
    const quantities: Record<string, DailyDoseDto[]> = {};
    for (const row of rows)
      (quantities[row.quantity] ??= []).push({
        day: row.day,
        doseMSv: nanosievertsToMillisieverts(BigInt(row.dose)),
      });
    return { personId, year: inYear, quantities };
  }
}
