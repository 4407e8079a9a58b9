import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../audit/caller.js';
import { markDosesChanged } from '../people/doses-changed.js';
import { ALERT_LEVELS } from './alert-thresholds.js';
import {
  patientThresholdDto,
  storedAmount,
  type PatientThresholdDto,
  type PutPatientThresholdDto,
} from './dto/patient-threshold.dto.js';
import { PatientAlertThreshold } from './patient-alert-threshold.entity.js';
import { patientRule, type PatientRule } from './patient-thresholds.js';

/** Where each quantity is kept on an event: whose patients a change of it re-evaluates. */
const EVENT_COLUMNS: Readonly<Record<PatientRule['quantity'], string>> = {
  referenceAirKerma: 'air_kerma_ngy',
  peakSkinDose: 'peak_skin_dose_ngy',
  dap: 'dap_ugy_cm2',
  fluoroTime: 'fluoro_time_us',
  effective: 'effective_nsv',
};

type Key = Pick<PatientAlertThreshold, 'quantity' | 'scope' | 'level'>;

/**
 * The patient rules' thresholds (DESIGN.md §5): the RSO lists them, sets one level of a rule,
 * or removes one. Each change is audited with what it replaced, and the patients the rule
 * concerns are evaluated again at once (their alerts are raised or escalated; an alert already
 * raised stays, as after any change of a threshold).
 */
@Injectable()
export class PatientThresholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async findAll(): Promise<PatientThresholdDto[]> {
    const rows = await this.dataSource.manager.find(PatientAlertThreshold, {
      order: { quantity: 'ASC', scope: 'ASC' },
    });
    return sortByLevel(rows).map(patientThresholdDto);
  }

  async put(dto: PutPatientThresholdDto, caller: Caller): Promise<PatientThresholdDto> {
    const rule = patientRule(dto.quantity, dto.scope);
    if (!rule)
      throw new BadRequestException(
        `${dto.quantity} has no rule over ${dto.scope}; GET /patient-alert-thresholds lists the rules`,
      );
    const key = { quantity: dto.quantity, scope: dto.scope, level: dto.level };
    const after = await this.change(
      key,
      caller,
      'patient-alert-threshold.update',
      async (manager) => {
        const row = manager.create(PatientAlertThreshold, {
          ...key,
          atLeast: storedAmount(dto.atLeast, rule.perUnit),
          source: dto.source,
        });
        await manager.save(row);
        await assertOrdered(manager, rule);
        return row;
      },
    );
    if (!after) throw new Error('a put leaves a row');
    return after;
  }

  async remove(key: Key, caller: Caller): Promise<void> {
    const missing = new NotFoundException(
      `No patient threshold ${key.quantity}/${key.scope}/${key.level}`,
    );
    if (!patientRule(key.quantity, key.scope)) throw missing;
    await this.change(key, caller, 'patient-alert-threshold.delete', async (manager) => {
      const { affected } = await manager.delete(PatientAlertThreshold, key);
      if (!affected) throw missing;
      return null;
    });
  }

  /** One change in a transaction: serialised per rule, audited, its patients re-evaluated. */
  private change(
    key: Key,
    caller: Caller,
    action: string,
    write: (manager: EntityManager) => Promise<PatientAlertThreshold | null>,
  ): Promise<PatientThresholdDto | null> {
    return this.dataSource.transaction(async (manager) => {
      // Concurrent edits of one rule wait for each other, so the order check sees them all.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `patient_alert_threshold/${key.quantity}/${key.scope}`,
      ]);
      const existing = await manager.findOneBy(PatientAlertThreshold, key);
      const written = await write(manager);
      const after = written ? patientThresholdDto(written) : null;
      await this.audit.record(manager, {
        caller,
        action,
        entity: 'patient_alert_threshold',
        entityId: `${key.quantity}/${key.scope}/${key.level}`,
        before: existing ? patientThresholdDto(existing) : null,
        after,
      });
      const column = EVENT_COLUMNS[key.quantity as PatientRule['quantity']];
      const patients = await manager.query<{ person_id: string }[]>(
        `SELECT DISTINCT person_id FROM patient_exposure WHERE ${column} IS NOT NULL`,
      );
      markDosesChanged(
        manager,
        patients.map((p) => p.person_id),
      );
      return after;
    });
  }
}

/** A higher level of a rule needs a higher amount than every lower one. */
async function assertOrdered(manager: EntityManager, rule: PatientRule): Promise<void> {
  const rows = sortByLevel(
    await manager.findBy(PatientAlertThreshold, { quantity: rule.quantity, scope: rule.scope }),
  );
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].atLeast <= rows[i - 1].atLeast) {
      const [lower, higher] = [rows[i - 1], rows[i]].map(patientThresholdDto);
      throw new BadRequestException(
        `${rule.quantity} over ${rule.scope}: ${higher.level} (${higher.atLeast} ${rule.unit}) must be above ${lower.level} (${lower.atLeast} ${rule.unit})`,
      );
    }
  }
}

function sortByLevel(rows: PatientAlertThreshold[]): PatientAlertThreshold[] {
  const rank = (row: PatientAlertThreshold) =>
    ALERT_LEVELS.indexOf(row.level as (typeof ALERT_LEVELS)[number]);
  return [...rows].sort(
    (a, b) =>
      a.quantity.localeCompare(b.quantity) || a.scope.localeCompare(b.scope) || rank(a) - rank(b),
  );
}
