import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorCode } from '@plinth/tenancy';

class FieldProblem {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ type: [String], example: ['email must be a valid email address'] })
  problems: string[];
}

class ErrorDetail {
  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({ example: 'Invalid request: email' })
  message: string;

  @ApiPropertyOptional({
    description:
      'Structured context. VALIDATION_FAILED: the failing fields `[{ field, problems[] }]`; ' +
      'QUOTA_EXCEEDED, FORBIDDEN, CONFLICT: an object (e.g. `{ permission }`, `{ field }`, `{ rule }`)',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldProblem[] | Record<string, unknown>;
}

export class ErrorEnvelope {
  @ApiProperty({ enum: [false] })
  success: false;

  @ApiProperty({ type: ErrorDetail })
  error: ErrorDetail;
}

export class PaginationMeta {
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ example: 20 })
  limit: number;
}

const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  QUOTA_EXCEEDED: 402,
  PLAN_FEATURE_UNAVAILABLE: 402,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVITE_EXPIRED: 410,
  INVITE_USED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * What any @Authorize route can answer before its own logic runs: no or a bad
 * credential, not a member, a missing permission, and for API keys the plan's
 * rate limit and the period's API-call quota.
 */
export const TENANT_ROUTE_ERRORS = [
  'UNAUTHENTICATED',
  'NOT_A_MEMBER',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
] as const satisfies readonly ErrorCode[];

interface EndpointDoc {
  summary: string;
  description?: string;
  /** The success payload inside `data`; omit for `data: null`. */
  response?: Type<unknown>;
  isArray?: boolean;
  paginated?: boolean;
  status?: number;
  errors?: ErrorCode[];
}

/**
 * Documents one endpoint: summary, the success envelope around its payload,
 * and every error code it can answer with (INTERNAL always included).
 */
export function ApiEndpoint(doc: EndpointDoc): MethodDecorator {
  const status = doc.status ?? 200;
  const decorators = [
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiExtraModels(ErrorEnvelope, FieldProblem, PaginationMeta, ...(doc.response ? [doc.response] : [])),
    status === 204
      ? ApiResponse({ status, description: 'Done; no body' })
      : ApiResponse({ status, description: 'Success', schema: successSchema(doc) }),
    ...errorResponses([...(doc.errors ?? []), 'INTERNAL']),
  ];
  if (status !== 201) decorators.push(HttpCode(status));
  return applyDecorators(...decorators);
}

function successSchema(doc: EndpointDoc) {
  const item = doc.response ? { $ref: getSchemaPath(doc.response) } : { type: 'object' as const, nullable: true, example: null };
  const data = doc.isArray || doc.paginated ? { type: 'array' as const, items: item } : item;
  const properties: Record<string, object> = { success: { type: 'boolean', enum: [true] }, data };
  if (doc.paginated) properties.pagination = { $ref: getSchemaPath(PaginationMeta) };
  return { type: 'object' as const, required: Object.keys(properties), properties };
}

function errorResponses(codes: ErrorCode[]): MethodDecorator[] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus].map(([status, statusCodes]) =>
    ApiResponse({
      status,
      description: statusCodes.join(' | '),
      schema: { $ref: getSchemaPath(ErrorEnvelope) },
    }),
  );
}
