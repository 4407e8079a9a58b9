import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { AccountChangeListener } from './account-change-listener.js';
import { AccountLifecycle } from './account-lifecycle.service.js';
import { AccountLoginLimitInterceptor } from './account-login-limit.interceptor.js';
import { AccountLoginThrottle } from './account-login-throttle.js';
import { AccountStates } from './account-states.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { MeController } from './me.controller.js';
import { SessionBoundInterceptor } from './session-bound.interceptor.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: jsonwebtoken otherwise tries every token's secret as
        // a PEM public key first and catches the failure, CPU spent on every request
        // (bench/README.md, "Service hot path").
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256', expiresIn: '8h' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, MeController],
  providers: [
    LoginRateLimitGuard,
    // A factory, not a shared value: each app (and each test app) counts on its own.
    { provide: AccountLoginThrottle, useFactory: () => new AccountLoginThrottle() },
    AccountLoginLimitInterceptor,
    AuthService,
    UsersService,
    AccountLifecycle,
    AccountStates,
    AccountChangeListener,
    SessionBoundInterceptor,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, AccountStates, SessionBoundInterceptor],
})
export class AuthModule {}
