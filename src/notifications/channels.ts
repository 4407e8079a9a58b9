import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';
import type { NotificationContent, NotifiedAlert } from './notification-content.js';
import {
  IDEMPOTENCY_HEADER,
  idempotencyKey,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  webhookSignature,
} from './webhook-signature.js';

/** A send that has not finished by then failed; the next try comes with the backoff. */
const SEND_TIMEOUT_MS = 15_000;

/** A notification on its way out: where to, and what the rule holds for it. */
export interface Delivery {
  alertId: string;
  level: string;
  channel: 'email' | 'webhook';
  target: string;
  secret: string | null;
  escalation: boolean;
}

/**
 * Sends one notification by e-mail (SMTP, nodemailer) or webhook (a signed JSON POST). Throws
 * when it was not accepted, with a message fit for the notification's history.
 */
@Injectable()
export class NotificationChannels implements OnModuleDestroy {
  private readonly mail?: Transporter;

  constructor(private readonly config: AppConfig) {
    const smtp = config.smtp;
    if (smtp)
      this.mail = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        // 465 speaks TLS from the first byte (RFC 8314 §3.3); others upgrade by STARTTLS,
        // required unless SMTP_STARTTLS=false (then used whenever the server offers it).
        secure: smtp.port === 465,
        requireTLS: smtp.startTls,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
        tls: smtp.caFile ? { ca: readFileSync(smtp.caFile) } : undefined,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      });
  }

  async send(
    delivery: Delivery,
    alert: NotifiedAlert,
    content: NotificationContent,
  ): Promise<void> {
    if (delivery.channel === 'email') await this.sendMail(delivery, content);
    else await this.post(delivery, alert, content, Math.floor(Date.now() / 1000));
  }

  onModuleDestroy(): void {
    this.mail?.close();
  }

  private async sendMail(delivery: Delivery, content: NotificationContent): Promise<void> {
    if (!this.mail || !this.config.smtp) throw new Error('E-mail is off: SMTP_HOST is not set');
    await this.mail.sendMail({
      from: this.config.smtp.from,
      to: delivery.target,
      subject: content.subject,
      text: content.text,
      headers: { [IDEMPOTENCY_HEADER]: idempotencyKey(delivery.alertId, delivery.level) },
    });
  }

  private async post(
    delivery: Delivery,
    alert: NotifiedAlert,
    content: NotificationContent,
    timestamp: number,
  ): Promise<void> {
    const key = idempotencyKey(delivery.alertId, delivery.level);
    const body = JSON.stringify({
      idempotencyKey: key,
      escalation: delivery.escalation,
      subject: content.subject,
      text: content.text,
      link: content.link,
      alert: alert.message,
    });
    const response = await fetch(delivery.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(delivery.secret ?? '', timestamp, body),
        [IDEMPOTENCY_HEADER]: key,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    // Read to the end so the connection is freed; a receiver's text stays out of the history.
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`Webhook answered HTTP ${response.status}`);
  }
}
