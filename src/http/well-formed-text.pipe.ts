import {
  BadRequestException,
  Injectable,
  type ArgumentMetadata,
  type PipeTransform,
} from '@nestjs/common';

/** A NUL character, or a UTF-16 surrogate without its other half. */
const MALFORMED = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses any string in a body, query or path parameter that Postgres cannot store as text:
 * it refuses NUL outright (a 500 from deep in a query, whose log carried the parameters) and
 * a lone surrogate has no UTF-8 form (it was silently stored as U+FFFD). Runs before
 * validation, so no DTO can forget it. The answer names the field, never its value.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const where = malformedAt(value, metadata.data ?? '');
    if (where !== undefined)
      throw new BadRequestException(
        `${where || metadata.type} must be valid Unicode text without NUL characters or unpaired surrogates`,
      );
    return value;
  }
}

/** The path of the first malformed string (or key) in `value`, if any; `''` is `value` itself. */
export function malformedAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return MALFORMED.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (MALFORMED.test(key)) return path;
    const found = malformedAt(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
