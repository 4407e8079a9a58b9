import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  type MessageEvent,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  endWith,
  filter,
  ignoreElements,
  interval,
  map,
  merge,
  takeUntil,
  type Observable,
} from 'rxjs';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Alert } from './alert.entity.js';
import { AlertPublisher } from './alert-publisher.service.js';
import { toAlertDto, type AlertDto } from './dto/alert.dto.js';
import type { AlertQueryDto, BulkAcknowledgeResultDto } from './dto/alert-request.dto.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson, ownPersonId } from '../people/person-access.js';

/**
 * Between two keep-alive comments of the event stream: well inside the idle timeouts of common
 * proxies (nginx `proxy_read_timeout`, default 60 s, nginx ngx_http_proxy_module documentation).
 */
const KEEP_ALIVE_MS = 15_000;

/** Newest alerts a list answers with. */
const LIST_LIMIT = 500;

/**
 * The alert workflow (DESIGN.md §6, §8): open → acknowledged → resolved, each step with who,
 * when and a note, written to the audit log in the same transaction. An RSO sees every alert;
 * a technician only those of their own person, and another person's answers 404 (§7).
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: AlertPublisher,
  ) {}

  async list(caller: Caller, query: AlertQueryDto): Promise<AlertDto[]> {
    if (query.personId) assertMayReadPerson(caller, query.personId);
    const personId = caller.role === 'rso' ? query.personId : ownPersonId(caller);
    const where: FindOptionsWhere<Alert> = {
      ...(query.state ? { state: query.state } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.badgeSerial ? { badgeSerial: query.badgeSerial } : {}),
      ...(personId ? { personId } : {}),
    };
    const alerts = await this.dataSource.manager.find(Alert, {
      where,
      order: { raisedAt: 'DESC', id: 'ASC' },
      take: LIST_LIMIT,
    });
    return alerts.map(toAlertDto);
  }

  async get(caller: Caller, id: string): Promise<AlertDto> {
    return toAlertDto(await this.readable(this.dataSource.manager, caller, id));
  }

  /** open → acknowledged, by an RSO or the technician the alert is about. */
  acknowledge(caller: Caller, id: string, note: string): Promise<AlertDto> {
    return this.transition(caller, id, 'alert.acknowledge', (alert) => {
      if (alert.state !== 'open')
        throw new ConflictException(
          `Alert ${id} is ${alert.state}: only an open alert can be acknowledged`,
        );
      alert.state = 'acknowledged';
      alert.acknowledgedBy = caller.username;
      alert.acknowledgedAt = new Date();
      alert.acknowledgeNote = note;
    });
  }

  /**
   * Several alerts acknowledged with one note, each in its own transaction and audit entry, so
   * one that someone else acknowledged meanwhile (or that the caller may not see) leaves the
   * others acknowledged; the answer says what happened to each, in the order asked.
   */
  async acknowledgeMany(
    caller: Caller,
    ids: readonly string[],
    note: string,
  ): Promise<BulkAcknowledgeResultDto[]> {
    const results: BulkAcknowledgeResultDto[] = [];
    for (const id of ids) {
      try {
        results.push({
          id,
          outcome: 'acknowledged',
          alert: await this.acknowledge(caller, id, note),
        });
      } catch (error) {
        if (error instanceof ConflictException)
          results.push({
            id,
            outcome: 'notOpen',
            alert: await this.get(caller, id),
            message: error.message,
          });
        else if (error instanceof NotFoundException)
          results.push({ id, outcome: 'notFound', message: error.message });
        else throw error;
      }
    }
    return results;
  }

  /** open or acknowledged → resolved, by an RSO; published again once committed (§6). */
  async resolve(caller: Caller, id: string, note: string): Promise<AlertDto> {
    const resolved = await this.transition(caller, id, 'alert.resolve', (alert) => {
      if (alert.state === 'resolved')
        throw new ConflictException(`Alert ${id} is already resolved`);
      alert.state = 'resolved';
      alert.resolvedBy = caller.username;
      alert.resolvedAt = new Date();
      alert.resolveNote = note;
    });
    // Committed: a failure to send leaves it to the schedule's sweep, not to the caller.
    await this.publisher.publishResolutions([id]).catch((error: unknown) => {
      this.logger.error(`Resolution of alert ${id} not sent yet: ${String(error)}`);
    });
    return resolved;
  }

  /**
   * Alerts as they are published by any replica, as server-sent events: all for an RSO, their
   * own for a technician; between them a comment line every KEEP_ALIVE_MS, so proxies keep a
   * quiet stream open and a client notices a dead one.
   */
  stream(caller: Caller): Observable<MessageEvent> {
    const own = caller.role === 'rso' ? undefined : ownPersonId(caller);
    const alerts = this.publisher.stream.pipe(
      filter((message) => own === undefined || message.personId === own),
      map((message) => ({
        type: 'alert',
        id: `${message.id}:${message.state === 'resolved' ? 'resolved' : message.level}`,
        data: message,
      })),
    );
    // Ends with the alerts (at shutdown), like the stream itself.
    const keepAlives = interval(KEEP_ALIVE_MS).pipe(
      map((): MessageEvent => ({ comment: 'keep-alive' })),
      takeUntil(alerts.pipe(ignoreElements(), endWith(null))),
    );
    return merge(alerts, keepAlives);
  }

  private async transition(
    caller: Caller,
    id: string,
    action: string,
    change: (alert: Alert) => void,
  ): Promise<AlertDto> {
    return this.dataSource.transaction(async (manager) => {
      const alert = await this.readable(manager, caller, id, true);
      const before = toAlertDto(alert);
      change(alert);
      alert.updatedAt = new Date();
      await manager.save(alert);
      const after = toAlertDto(alert);
      await this.audit.record(manager, {
        caller,
        action,
        entity: 'alert',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** The alert if the caller may see it; 404 otherwise, exactly as for an unknown id. */
  private async readable(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Alert> {
    const alert = await manager.findOne(Alert, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const mayRead =
      alert &&
      (caller.role === 'rso' || (alert.personId !== null && alert.personId === caller.personId));
    if (!alert || !mayRead) throw new NotFoundException(`Alert ${id} not found`);
    return alert;
  }
}
