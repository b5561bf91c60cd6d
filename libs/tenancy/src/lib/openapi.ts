import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode, statusOfCode } from './errors';

class FieldProblem {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ type: [String], example: ['email must be a valid email address'] })
  problems: string[];
}

// No property examples here: each error response carries one example per code it lists (see responsesFor).
class ErrorDetail {
  @ApiProperty({ description: 'Machine-readable; see the codes listed on each response' })
  code: string;

  @ApiProperty({ description: 'For people; may change wording between versions' })
  message: string;

  @ApiPropertyOptional({
    description:
      'Structured context. VALIDATION_FAILED: the failing fields `[{ field, problems[] }]`; ' +
      'QUOTA_EXCEEDED, PLAN_FEATURE_UNAVAILABLE, FORBIDDEN, CONFLICT: an object (e.g. `{ permission }`, `{ field }`, `{ rule }`)',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldProblem[] | Record<string, unknown>;
}

/** The contract's error envelope. */
export class ErrorEnvelope {
  @ApiProperty({ enum: [false] })
  success: false;

  @ApiProperty({ type: ErrorDetail })
  error: ErrorDetail;
}

/** Models the error responses refer to; pass to SwaggerModule.createDocument's `extraModels`. */
export const ERROR_MODELS = [ErrorEnvelope, ErrorDetail, FieldProblem];

export const ERROR_CODES_EXTENSION = 'x-error-codes';
/** Where @nestjs/swagger keeps a handler's `x-` extensions (its SWAGGER_EXTENSIONS, not exported by the package). */
const SWAGGER_EXTENSIONS = 'swagger/apiExtension';
const PERMISSION_EXTENSION = 'x-permission';

/** What every route of a kind can answer before its own logic runs. */
const ROUTE_KIND_ERRORS: Record<'tenant' | 'user', Set<ErrorCode>> = {
  tenant: new Set<ErrorCode>(['UNAUTHENTICATED', 'NOT_A_MEMBER', 'FORBIDDEN']),
  user: new Set<ErrorCode>(['UNAUTHENTICATED']),
};

/** Adds answers every tenant route can give (e.g. the API-key rate limit, declared by the quota module). */
export function addTenantRouteErrors(...codes: ErrorCode[]): void {
  for (const code of codes) ROUTE_KIND_ERRORS.tenant.add(code);
}

/**
 * Declares the error codes a route answers with. Order-independent and
 * additive: the codes are kept in the operation's `x-error-codes`, and
 * `documentErrorResponses` turns them into responses once the catalog is complete.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const extensions = Reflect.getMetadata(SWAGGER_EXTENSIONS, descriptor.value) ?? {};
    const known: ErrorCode[] = extensions[ERROR_CODES_EXTENSION] ?? [];
    const merged = [...new Set([...known, ...codes])];
    Reflect.defineMetadata(SWAGGER_EXTENSIONS, { ...extensions, [ERROR_CODES_EXTENSION]: merged }, descriptor.value);
    return descriptor;
  };
}

/**
 * Writes each operation's error responses from its codes (plus those of its
 * route kind, and INTERNAL): one response per status, listing its codes, with
 * one example envelope per code.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<Record<string, unknown>>) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const codes = operationCodes(operation);
      operation[ERROR_CODES_EXTENSION] = codes;
      Object.assign(operation.responses as object, responsesFor(codes));
    }
  }
  return document;
}

function operationCodes(operation: Record<string, unknown>): ErrorCode[] {
  const permission = operation[PERMISSION_EXTENSION];
  const signedIn = permission === 'user' || permission === 'platform-admin';
  const kind = signedIn ? ROUTE_KIND_ERRORS.user : permission ? ROUTE_KIND_ERRORS.tenant : [];
  const own = (operation[ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? [];
  return [...new Set<ErrorCode>([...own, ...kind, 'INTERNAL'])];
}

function responsesFor(codes: ErrorCode[]): Record<string, object> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(statusOfCode(code), [...(byStatus.get(statusOfCode(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, statusCodes]) => [
      String(status),
      {
        description: statusCodes.join(' | '),
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ErrorEnvelope' },
            examples: Object.fromEntries(
              statusCodes.map((code) => [code, { value: { success: false, error: { code, ...exampleError(code) } } }]),
            ),
          },
        },
      },
    ]),
  );
}

const UPGRADE_URL = 'https://app.example.com/o/acme/billing';

/** What each code's answer looks like, details included where the code has them. */
const EXAMPLE_ERRORS: Partial<Record<string, { message: string; details?: unknown }>> = {
  VALIDATION_FAILED: {
    message: 'Invalid request: name',
    details: [{ field: 'name', problems: ['name must be shorter than or equal to 100 characters'] }],
  },
  UNAUTHENTICATED: { message: 'Access token expired' },
  FORBIDDEN: { message: 'Your role lacks the permission posts:create', details: { permission: 'posts:create' } },
  NOT_A_MEMBER: { message: 'You are not a member of this organization' },
  NOT_FOUND: { message: 'Site not found' },
  CONFLICT: { message: 'This slug is taken', details: { field: 'slug' } },
  RATE_LIMITED: { message: 'Too many requests; retry in 1 s' },
  QUOTA_EXCEEDED: {
    message: 'Quota reached: posts 20 of 20 on the free plan',
    details: { dimension: 'posts', current: 20, limit: 20, planTier: 'free', upgradeUrl: UPGRADE_URL },
  },
  PLAN_FEATURE_UNAVAILABLE: {
    message: 'Your plan does not include the feature webhooks; it starts with the pro plan',
    details: { feature: 'webhooks', requiredTier: 'pro', upgradeUrl: UPGRADE_URL },
  },
  INTERNAL: { message: 'Internal error (request id 0b7c…)' },
};

function exampleError(code: ErrorCode): { message: string; details?: unknown } {
  return EXAMPLE_ERRORS[code] ?? { message: code.toLowerCase().replaceAll('_', ' ') };
}
