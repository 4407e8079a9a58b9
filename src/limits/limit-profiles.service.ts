import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { millisievertsToNanosieverts, nanosievertsToMillisieverts } from '../common/dose-units.js';
import { DoseLimit } from './dose-limit.entity.js';
import { DoseProfile } from './dose-profile.entity.js';
import type {
  LimitProfileDto,
  ProfileLimitDto,
  PutProfileLimitDto,
} from './dto/limit-profile.dto.js';
import { markDosesChanged } from '../people/doses-changed.js';
import type { Caller } from '../audit/caller.js';

/**
 * Limit profiles as data (DESIGN.md §5): the RSO reads them and sets their limits. The
 * two-badge coefficients are read-only here on purpose: every reading already counted carries
 * coefficient × increment in its doses and daily totals (DESIGN.md §4), so a new coefficient
 * would leave past totals counted under the old one until every wearer's badges are re-derived
 * (npm run recompute-totals). That belongs in a migration with its recompute, not an API call.
 */
@Injectable()
export class LimitProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async findAll(): Promise<LimitProfileDto[]> {
    const manager = this.dataSource.manager;
    const profiles = await manager.find(DoseProfile, {
      relations: { algorithm: true },
      order: { profile: 'ASC' },
    });
    const limits = await manager.find(DoseLimit, {
      order: { profile: 'ASC', category: 'ASC', quantity: 'ASC', period: 'ASC' },
    });
    return profiles.map((profile) => ({
      profile: profile.profile,
      name: profile.name,
      twoBadge: {
        algorithm: profile.twoBadgeAlgorithm,
        // numeric(…) text such as '1.5' or '0.06': a decimal a double prints the same way.
        trunk: Number(profile.algorithm?.underCoefficient),
        collar: Number(profile.algorithm?.overCoefficient),
        source: profile.algorithm?.source ?? '',
      },
      collarOnly: {
        factor: Number(profile.collarOnlyFactor),
        source: profile.collarOnlySource,
      },
      pregnancyFrom: profile.pregnancyFrom,
      limits: limits.filter((limit) => limit.profile === profile.profile).map(toDto),
    }));
  }

  /** Inserts or replaces one limit of the profile; audited with what it replaced. */
  async putLimit(
    profile: string,
    dto: PutProfileLimitDto,
    caller: Caller,
  ): Promise<ProfileLimitDto> {
    // applicableLimitsFrom reads `pregnancy` limits only from the `pregnancy` category and
    // measures them from the declaration: any other pairing would never be compared right.
    if ((dto.category === 'pregnancy') !== (dto.period === 'pregnancy'))
      throw new BadRequestException(
        'period pregnancy goes with category pregnancy, and only with it',
      );
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(DoseProfile, { profile })))
        throw new NotFoundException(`Limit profile ${profile} not found`);
      const key = { profile, category: dto.category, quantity: dto.quantity, period: dto.period };
      // Everyone the limit applies to is held to the new number from now on; with a date of
      // birth, a person may hold another category than the stored one (categoryAt).
      const affected = await manager.query<{ id: string }[]>(
        `SELECT id FROM person
          WHERE profile = $1 AND (category = $2 OR $2 = 'pregnancy' OR date_of_birth IS NOT NULL)`,
        [profile, dto.category],
      );
      markDosesChanged(
        manager,
        affected.map((person) => person.id),
      );
      // Serialises concurrent edits of the same profile, so `before` is what was replaced.
      await manager.query(`SELECT 1 FROM dose_profile WHERE profile = $1 FOR UPDATE`, [profile]);
      const existing = await manager.findOneBy(DoseLimit, key);
      const limit = manager.create(DoseLimit, {
        ...key,
        limitNsv: millisievertsToNanosieverts(dto.limitMSv),
        source: dto.source,
      });
      await manager.save(limit);
      const after = toDto(limit);
      await this.audit.record(manager, {
        caller,
        action: 'limit.update',
        entity: 'dose_limit',
        entityId: `${profile}/${dto.category}/${dto.quantity}/${dto.period}`,
        before: existing ? toDto(existing) : null,
        after,
      });
      return after;
    });
  }
}

function toDto(limit: DoseLimit): ProfileLimitDto {
  return {
    category: limit.category,
    quantity: limit.quantity,
    period: limit.period,
    limitMSv: nanosievertsToMillisieverts(limit.limitNsv),
    source: limit.source,
  };
}
