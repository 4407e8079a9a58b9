import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { Roles } from '../auth/auth.decorators.js';
import { RejectedMessageDto, RejectedQueryDto } from './dto/rejected-message.dto.js';
import { PAYLOAD_KEPT_BYTES } from './ingest.service.js';
import { RejectedMessage } from './rejected-message.entity.js';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('ingest/rejected')
export class RejectedController {
  constructor(
    @InjectRepository(RejectedMessage) private readonly rejected: Repository<RejectedMessage>,
  ) {}

  @Roles('rso')
  @Get()
  async list(@Query() query: RejectedQueryDto): Promise<RejectedMessageDto[]> {
    const rows = await this.rejected.find({
      where: query.before ? { id: LessThan(String(query.before)) } : {},
      order: { id: 'DESC' },
      take: query.limit ?? 100,
    });
    return rows.map(toDto);
  }
}

function toDto(row: RejectedMessage): RejectedMessageDto {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    topic: row.topic,
    reason: row.reason,
    payload: row.payload.toString('utf8'),
    payloadBytes: row.payloadBytes,
    redacted: row.redacted,
    truncated: row.redacted
      ? row.payload.length >= PAYLOAD_KEPT_BYTES
      : row.payload.length < row.payloadBytes,
  };
}
