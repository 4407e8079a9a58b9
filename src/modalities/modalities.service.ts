import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../audit/caller.js';
import { isPostgresError, UNIQUE_VIOLATION } from '../common/postgres-errors.js';
import type { CreateModalityDto } from './dto/create-modality.dto.js';
import type { ModalityDto } from './dto/modality.dto.js';
import { Modality } from './modality.entity.js';

/** The modality registry: who may send patient exposure events (DESIGN.md §7). */
@Injectable()
export class ModalitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateModalityDto, caller: Caller): Promise<ModalityDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // insert, not save: save would overwrite a modality already registered under this id.
        await manager.insert(Modality, {
          id: dto.id,
          aeTitle: dto.aeTitle ?? null,
          kind: dto.kind,
        });
        const after = toDto(await manager.findOneByOrFail(Modality, { id: dto.id }));
        await this.audit.record(manager, {
          caller,
          action: 'modality.create',
          entity: 'modality',
          entityId: dto.id,
          after,
        });
        return after;
      });
    } catch (error) {
      if (isPostgresError(error, UNIQUE_VIOLATION, 'modality_ae_title_key'))
        throw new ConflictException(`AE title ${dto.aeTitle} is already another modality's`);
      if (isPostgresError(error, UNIQUE_VIOLATION))
        throw new ConflictException(`Modality ${dto.id} is already registered`);
      throw error;
    }
  }

  async findAll(): Promise<ModalityDto[]> {
    const modalities = await this.dataSource.manager.find(Modality, { order: { id: 'ASC' } });
    return modalities.map(toDto);
  }
}

function toDto(modality: Modality): ModalityDto {
  return {
    id: modality.id,
    aeTitle: modality.aeTitle,
    kind: modality.kind,
    registeredAt: modality.createdAt.toISOString(),
  };
}
