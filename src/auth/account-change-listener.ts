import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ChannelListener } from '../database/notifications.js';
import { AccountStates } from './account-states.js';

/** The channel the app_user trigger notifies (migration UserLifecycle1795698500000). */
export const ACCOUNT_CHANGES_CHANNEL = 'app_user_changed';

/**
 * Hears every change to a login, from any replica or by hand, and makes this replica forget
 * it at once: its cached state and, through AccountStates.changed, its open alert streams.
 */
@Injectable()
export class AccountChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AccountChangeListener.name);
  private readonly listener: ChannelListener;

  constructor(@InjectDataSource() dataSource: DataSource, states: AccountStates) {
    this.listener = new ChannelListener(dataSource, ACCOUNT_CHANGES_CHANNEL, {
      notified: (userId) => states.forget(userId),
      listening: (on) => states.setListening(on),
      failed: (error) =>
        this.logger.warn(`Not hearing login changes (reading each request): ${error.message}`),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}
