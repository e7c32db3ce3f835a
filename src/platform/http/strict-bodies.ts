import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import { AppError } from './errors.js';

type Schema = Record<string, unknown>;

/**
 * Makes every JSON body in this context strict: a field the route does not know is refused with
 * 400 UNKNOWN_FIELDS naming every such field (`details.fields`, dotted paths), instead of being
 * dropped without a word (issue 12). A misspelt `"dek "` or `"captoin"` must not look saved.
 *
 * One place covers every route, present and future: each body schema's objects get
 * `additionalProperties: false` (so Ajv refuses them too, and the OpenAPI document says so) unless
 * the schema says otherwise on purpose (the article document, the settings map). A preValidation
 * hook then names all unknown fields at once; Ajv alone would stop at the first. Register it before
 * the routes: it applies to routes added after it.
 */
export function refuseUnknownBodyFields(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body as Schema | undefined;
    if (!body || typeof body !== 'object') return;
    const strict = strictObjects(body);
    route.schema = { ...route.schema, body: strict };
    const check: preValidationHookHandler = async (request) => {
      const fields = unknownFields(strict, request.body, '');
      if (fields.length > 0) {
        throw new AppError(
          'UNKNOWN_FIELDS',
          400,
          `This request does not take ${fields.map((f) => `"${f}"`).join(', ')}; remove ${fields.length === 1 ? 'it' : 'them'}.`,
          { fields },
        );
      }
    };
    const existing = route.preValidation;
    route.preValidation = existing === undefined ? [check] : [check, ...[existing].flat()];
  });
}

/** A copy of the schema whose object schemas forbid fields they do not name, unless they say otherwise. */
function strictObjects(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  if (isObjectSchema(copy) && copy.additionalProperties === undefined && !copy.patternProperties) {
    copy.additionalProperties = false;
  }
  const properties = copy.properties as Record<string, Schema> | undefined;
  if (properties) {
    copy.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, strictObjects(v)]));
  }
  if (isSchema(copy.items)) copy.items = strictObjects(copy.items);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = copy[key];
    if (Array.isArray(branches)) copy[key] = branches.map((b: Schema) => strictObjects(b));
  }
  return copy;
}

/** The dotted paths of fields in `value` that `schema` does not allow. */
function unknownFields(schema: Schema, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    return isSchema(schema.items)
      ? value.flatMap((item, i) =>
          unknownFields(schema.items as Schema, item, `${path}${path ? '.' : ''}${i}`),
        )
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const objects = objectBranches(schema);
  // A union of several object shapes: a field is unknown only if no shape names it.
  if (objects.length === 0 || objects.some((o) => o.additionalProperties !== false)) return [];
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  for (const key of Object.keys(record)) {
    const at = path ? `${path}.${key}` : key;
    const known = objects.map((o) => (o.properties as Record<string, Schema> | undefined)?.[key]);
    const first = known.find((k) => k !== undefined);
    if (!first) found.push(at);
    else if (objects.length === 1) found.push(...unknownFields(first, record[key], at));
  }
  return found;
}

function objectBranches(schema: Schema): Schema[] {
  if (isObjectSchema(schema)) return [schema];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return (branches ?? []).filter(isObjectSchema);
}

function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || (schema.type === undefined && isSchema(schema.properties));
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
