import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../data-source.js';
import { migrateDatabase } from '../migrate.js';

/**
 * Runs pending migrations as the schema's owner, then connects as the service's own role
 * (DESIGN.md §7), before the app takes traffic. Both inside TypeORM's retries.
 */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.databaseUrl, config.dbPoolSize),
            // The migrations installed what the schema needs; this role may create nothing.
            installExtensions: false,
            retryAttempts: 3,
          }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            if (options === undefined) throw new Error('TypeORM gave no data source options');
            await migrateDatabase({
              migrationUrl: config.databaseMigrationUrl,
              serviceUrl: config.databaseUrl,
            });
            return new DataSource(options);
          },
        }),
      ],
    };
  }
}
