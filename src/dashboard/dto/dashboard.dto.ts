import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AlertDto } from '../../alerts/dto/alert.dto.js';

export class DashboardQueryDto {
  /** How many people, highest fraction first. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class RankedPersonDto {
  personId: string;
  name: string;
  kind: string;
  /** Largest fraction of any applicable limit, as of `asOfDay`. */
  fraction: number;
  quantity: string;
  period: string;
  valueMSv: number;
  limitMSv: number;
  asOfDay: string;
}

export class SilentBadgeDto {
  serial: string;
  personId: string | null;
  alertId: string;
  level: string;
  raisedAt: string;
}

/** DESIGN.md §8 GET /dashboard: everyone ranked by their largest fraction of a limit. */
export class DashboardDto {
  asOf: string;
  people: RankedPersonDto[];
  openAlerts: { total: number; byLevel: Record<string, number>; latest: AlertDto[] };
  silentBadges: SilentBadgeDto[];
  /** Readings held for badges nobody is known to wear. */
  unattributedReadings: number;
}
