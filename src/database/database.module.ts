import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../data-source.js';

/** Connects to Postgres and runs pending migrations before the app takes traffic. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, config.dbPoolSize),
        migrationsRun: true,
        retryAttempts: 3,
      }),
    }),
  ],
})
export class DatabaseModule {}
