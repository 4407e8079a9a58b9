import type { OpenAPIObject } from '@nestjs/swagger';
import { API_ERRORS, ErrorDto, type ApiErrorStatus } from '../common/api-errors.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const ERROR_SCHEMA = { $ref: `#/components/schemas/${ErrorDto.name}` };

/**
 * Completes what every route shares and the decorators need not repeat: the error answers any
 * route with a body or parameters can give (the global validation pipe's 400, body-parser's
 * 413, a missing path resource's 404), the error body as JSON on routes that produce files or
 * events, a summary from the handler's name (its doc comment, which says why, is the
 * description), and an explicit empty security list on the public routes.
 */
export function completeApiDocument(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(path, operation);
    }
  return document;
}

function completeOperation(path: string, operation: Operation): void {
  if (!operation.summary) operation.summary = summaryOf(operation.operationId ?? path);
  operation.security ??= [];
  const parameters = operation.parameters ?? [];
  const inPath = parameters.some((parameter) => 'in' in parameter && parameter.in === 'path');
  if (operation.requestBody || parameters.length > 0) addError(operation, 400);
  if (operation.requestBody) addError(operation, 413);
  if (inPath) addError(operation, 404);
  if (operation.responses[410]) {
    // A route that is gone answers nothing but its errors: no success answer, and deprecated.
    operation.deprecated = true;
    for (const status of Object.keys(operation.responses))
      if (status.startsWith('2')) delete operation.responses[status];
  }
  for (const [status, answer] of Object.entries(operation.responses))
    // An error is JSON whatever the route produces when it succeeds (CSV, PDF, event stream).
    if (Number(status) >= 400 && answer && 'content' in answer && answer.content)
      answer.content = { 'application/json': { schema: ERROR_SCHEMA } };
}

function addError(operation: Operation, status: ApiErrorStatus): void {
  operation.responses[status] ??= {
    description: API_ERRORS[status],
    content: { 'application/json': { schema: ERROR_SCHEMA } },
  };
}

/** `PeopleController_findAll` → `People: find all`. */
function summaryOf(operationId: string): string {
  const [controller, method = ''] = operationId.split('_');
  const words = method.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${controller.replace(/Controller$/, '')}: ${words}`;
}
