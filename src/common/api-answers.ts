import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';

/** A report answered as JSON (the DTO), CSV or PDF by `?format=`. */
export const ApiReportAnswer = (model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: 'The report as JSON, or a file with `?format=csv` or `?format=pdf`.',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );

/** A CSV file streamed as it is read. */
export const ApiCsvAnswer = () =>
  ApiOkResponse({ description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } });

/** Server-sent events of one name, each one's data the model as JSON. */
export const ApiEventStream = (event: string, model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description: `Server-sent events named \`${event}\`, each one's data a ${model.name} as JSON.`,
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    }),
  );
