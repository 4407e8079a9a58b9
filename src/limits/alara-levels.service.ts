import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../audit/caller.js';
import { millisievertsToNanosieverts } from '../common/dose-units.js';
import { markDosesChanged } from '../people/doses-changed.js';
import { AlaraLevel } from './alara-level.entity.js';
import { alaraLevelDto, type AlaraLevelDto, type PutAlaraLevelDto } from './dto/alara-level.dto.js';
import { DoseProfile } from './dose-profile.entity.js';

/**
 * A profile's ALARA investigation levels (DESIGN.md §5): the RSO reads them and sets them, one
 * quantity at a time. A change holds the profile's workers to the new levels at once: their
 * alaraQuarter alerts are evaluated again, as after a change of a limit.
 */
@Injectable()
export class AlaraLevelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async find(profile: string): Promise<AlaraLevelDto[]> {
    const manager = this.dataSource.manager;
    await assertProfile(manager, profile);
    const levels = await manager.find(AlaraLevel, {
      where: { profile },
      order: { quantity: 'ASC' },
    });
    return levels.map(alaraLevelDto);
  }

  /** Inserts or replaces the levels of one quantity; audited with what they replaced. */
  async put(profile: string, dto: PutAlaraLevelDto, caller: Caller): Promise<AlaraLevelDto> {
    return this.dataSource.transaction(async (manager) => {
      await assertProfile(manager, profile);
      // Serialises concurrent edits of the same profile (as its limits' edits), so `before`
      // is what was replaced.
      await manager.query(`SELECT 1 FROM dose_profile WHERE profile = $1 FOR UPDATE`, [profile]);
      const affected = await manager.query<{ id: string }[]>(
        `SELECT id FROM person WHERE profile = $1 AND kind = 'worker'`,
        [profile],
      );
      markDosesChanged(
        manager,
        affected.map((person) => person.id),
      );
      const key = { profile, quantity: dto.quantity };
      const existing = await manager.findOneBy(AlaraLevel, key);
      const levels = manager.create(AlaraLevel, {
        ...key,
        levelINsv: millisievertsToNanosieverts(dto.levelIMSv),
        levelIINsv: millisievertsToNanosieverts(dto.levelIIMSv),
        source: dto.source,
      });
      await manager.save(levels);
      const after = alaraLevelDto(levels);
      await this.audit.record(manager, {
        caller,
        action: 'alara-level.update',
        entity: 'alara_level',
        entityId: `${profile}/${dto.quantity}`,
        before: existing ? alaraLevelDto(existing) : null,
        after,
      });
      return after;
    });
  }
}

async function assertProfile(manager: EntityManager, profile: string): Promise<void> {
  if (!(await manager.existsBy(DoseProfile, { profile })))
    throw new NotFoundException(`Limit profile ${profile} not found`);
}
