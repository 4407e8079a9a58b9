import { RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { AppConfig } from './config/app-config.js';
import { ErrorDto } from './common/api-errors.js';
import { completeApiDocument } from './http/api-document.js';
import { UnexpectedErrorFilter } from './http/unexpected-error.filter.js';
import { WellFormedTextPipe } from './http/well-formed-text.pipe.js';
import { httpRequestTimer } from './metrics/http-metrics.js';
import { MetricsService } from './metrics/metrics.service.js';
import { serveWebUi } from './web/web-ui.js';

export const API_PREFIX = 'api/v1';
export const API_DOCS_PATH = 'api/docs';
/** GET routes outside the prefix (probes and scraping keep their conventional paths). */
const UNPREFIXED_ROUTES = ['health', 'health/live', 'metrics'];

/** HTTP concerns shared by the service and the tests: prefix, validation, headers, docs, web UI. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  // First, so every answer is timed, refused and unmatched ones included.
  app.use(httpRequestTimer(app.get(MetricsService).registry));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: UNPREFIXED_ROUTES.map((path) => ({ path, method: RequestMethod.GET })),
  });
  app.useGlobalPipes(
    new WellFormedTextPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new UnexpectedErrorFilter(app.getHttpAdapter()));
  // helmet's default Content-Security-Policy holds for the web UI too: it loads only its own
  // scripts and styles, with no inline script. Its `upgrade-insecure-requests` makes a browser
  // fetch those scripts over https, so a UI opened over plain http from another machine stayed
  // blank: the directive is sent only when HTTPS_ONLY says every browser comes over TLS.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'upgrade-insecure-requests': config.httpsOnly ? [] : null },
      },
    }),
  );
  // API answers carry people's names, doses and tokens: no browser or proxy cache keeps them.
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  serveWebUi(app, { prefixes: [API_PREFIX, API_DOCS_PATH], routes: UNPREFIXED_ROUTES });
  if (config.apiDocs) {
    const document = completeApiDocument(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Dose tracking service')
          .setDescription('Radiation dose records, limits and alerts (DESIGN.md §8)')
          .setVersion('1')
          .addServer('/')
          .addBearerAuth()
          .build(),
        { extraModels: [ErrorDto] },
      ),
    );
    SwaggerModule.setup(API_DOCS_PATH, app, document);
  }
}

/** Listens on HOST and PORT; returns the base URL of the address actually bound. */
export async function listen(app: NestExpressApplication, config: AppConfig): Promise<string> {
  await app.listen(config.port, config.host);
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
