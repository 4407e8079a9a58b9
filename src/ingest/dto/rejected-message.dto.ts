import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RejectedQueryDto {
  /** Page size, newest first. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Cursor: only rejections with a smaller id (the previous page's last id). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}

export class RejectedMessageDto {
  id: string;
  receivedAt: string;
  topic: string;
  reason: string;
  /** The kept bytes as UTF-8 (invalid sequences shown as U+FFFD). */
  payload: string;
  /** The size of what was received. */
  payloadBytes: number;
  /**
   * `payload` is a redacted skeleton of what was received, not its bytes: every string and
   * number replaced, every key but the event's own fields too (a modality's message).
   */
  redacted: boolean;
  /** `payload` was cut at 4 KiB (a redacted skeleton: at least 4 KiB long, so maybe cut). */
  truncated: boolean;
}
