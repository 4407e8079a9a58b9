import { RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { serveWebUi } from './web/web-ui.js';

export const API_PREFIX = 'api/v1';
/** GET routes outside the prefix (probes and scraping keep their conventional paths). */
const UNPREFIXED_ROUTES = ['health', 'health/live', 'metrics'];

/** HTTP concerns shared by the service and the tests: prefix, validation, headers, docs, web UI. */
export function configureApp(app: NestExpressApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: UNPREFIXED_ROUTES.map((path) => ({ path, method: RequestMethod.GET })),
  });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  // helmet's default Content-Security-Policy holds for the web UI too: it loads only its own
  // scripts and styles, with no inline script.
  app.use(helmet());
  // Everything under the prefix's first segment (the API docs at api/docs too) is the API's.
  serveWebUi(app, [API_PREFIX.split('/')[0], ...UNPREFIXED_ROUTES]);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Dose tracking service')
      .setDescription('Radiation dose records, limits and alerts (DESIGN.md §8)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
