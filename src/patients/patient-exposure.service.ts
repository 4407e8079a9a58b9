import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PATIENT_SKIN_WINDOW_DAYS } from '../limits/alert-thresholds.js';
import { fromMillionths, nanosievertsToMillisieverts } from '../common/dose-units.js';
import { dayInZone } from '../calendar/facility-day.js';
import { AppConfig } from '../config/app-config.js';
import { addDays, FIRST_DAY } from '../calendar/days.js';
import { periodStarts, type DayRange } from '../calendar/periods.js';
import { sumPeriods } from '../ledger/period-sums.js';
import type { PatientEventDto, PatientExposureDto } from './dto/patient-exposure.dto.js';
import { PatientExposure } from './patient-exposure.entity.js';
import { pseudonymise } from '../people/pseudonym.js';

/** A patient's cumulative dose and windows (DESIGN.md §8), by raw id or by person. */
@Injectable()
export class PatientExposureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Looks a patient up by the hospital's id: the server pseudonymises it, and never echoes it. */
  async byPatientId(rawPatientId: string, at: Date): Promise<PatientExposureDto> {
    const key = pseudonymise(this.config.patientIdSecret, rawPatientId);
    const [person] = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM person WHERE patient_key = $1`,
      [key],
    );
    if (!person) throw new NotFoundException('No patient with this id has a dose record');
    return this.exposure(person, at);
  }

  async byPerson(personId: string, at: Date): Promise<PatientExposureDto> {
    const [person] = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM person WHERE id = $1 AND kind = 'patient'`,
      [personId],
    );
    if (!person) throw new NotFoundException(`Patient ${personId} not found`);
    return this.exposure(person, at);
  }

  private async exposure(
    person: { id: string; name: string },
    at: Date,
  ): Promise<PatientExposureDto> {
    const tz = this.config.facilityTz;
    const asOfDay = dayInZone(at, tz);
    const starts = periodStarts(asOfDay);
    const skinFrom = addDays(asOfDay, 1 - PATIENT_SKIN_WINDOW_DAYS);
    const events = await this.dataSource.manager
      .createQueryBuilder(PatientExposure, 'e')
      .where('e.person_id = :id AND e.performed_at <= :at', { id: person.id, at })
      .orderBy('e.performed_at')
      .addOrderBy('e.id')
      .getMany();
    // Dose from a dosimeter the patient wore (a person's daily totals, DESIGN.md §3.2).
    const through = (first: string): DayRange => ({ first, last: asOfDay });
    const wornPeriods = new Map([
      ['lifetime', through(FIRST_DAY)],
      ['rolling12Months', through(starts.rolling12Months)],
      ['rolling5Years', through(starts.rolling5Years)],
    ]);
    const wornSums = await sumPeriods(
      this.dataSource,
      [{ personId: person.id, periods: wornPeriods }],
      asOfDay,
    );
    const worn = (period: string) => wornSums.of(person.id, period, 'effective');
    const days = events.map((e) => dayInZone(e.performedAt, tz));
    const sum = (from: string, pick: (e: PatientExposure) => bigint | null) =>
      events.reduce((total, e, i) => (days[i] >= from ? total + (pick(e) ?? 0n) : total), 0n);
    const effective = (e: PatientExposure) => e.effectiveNsv;
    const estimated = (e: PatientExposure) =>
      e.effectiveSource === 'estimated' ? e.effectiveNsv : null;
    const wornLifetime = worn('lifetime');
    const mSv = nanosievertsToMillisieverts;
    return {
      personId: person.id,
      name: person.name,
      asOf: at.toISOString(),
      effectiveDose: {
        lifetime: mSv(sum('', effective) + wornLifetime),
        rolling12Months: mSv(sum(starts.rolling12Months, effective) + worn('rolling12Months')),
        rolling5Years: mSv(sum(starts.rolling5Years, effective) + worn('rolling5Years')),
        estimatedLifetime: mSv(sum('', estimated)),
        fromDosimetersLifetime: mSv(wornLifetime),
        eventsWithoutEffectiveDose: events.filter((e) => e.effectiveNsv === null).length,
      },
      referenceAirKerma: {
        rolling12Weeks: fromMillionths(sum(skinFrom, (e) => e.airKermaNgy)),
        maxEvent: fromMillionths(
          events.reduce(
            (max, e) => (e.airKermaNgy !== null && e.airKermaNgy > max ? e.airKermaNgy : max),
            0n,
          ),
        ),
      },
      dap: { rolling12Weeks: fromMillionths(sum(skinFrom, (e) => e.dapUgyCm2)) },
      events: events.map(toEventDto),
    };
  }
}

function toEventDto(e: PatientExposure): PatientEventDto {
  const unit = (value: bigint | null) => (value === null ? null : fromMillionths(value));
  return {
    id: e.id,
    modalityId: e.modalityId,
    eventId: e.eventId,
    studyUid: e.studyUid,
    performedAt: e.performedAt.toISOString(),
    modality: e.modality,
    bodyRegion: e.bodyRegion,
    patientAgeYears: e.patientAgeYears === null ? null : Number(e.patientAgeYears),
    ctdiVol: unit(e.ctdiVolNgy),
    dlp: unit(e.dlpNgyCm),
    dap: unit(e.dapUgyCm2),
    referenceAirKerma: unit(e.airKermaNgy),
    fluoroTimeS: unit(e.fluoroTimeUs),
    peakSkinDose: unit(e.peakSkinDoseNgy),
    ctPhantom: e.ctPhantom,
    effectiveDose: e.effectiveNsv === null ? null : nanosievertsToMillisieverts(e.effectiveNsv),
    effectiveDoseSource:
      e.effectiveSource === 'reported' || e.effectiveSource === 'estimated'
        ? e.effectiveSource
        : null,
    kFactor: e.kFactor === null ? null : Number(e.kFactor),
  };
}
