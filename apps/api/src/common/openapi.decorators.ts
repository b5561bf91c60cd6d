import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, ErrorCode } from '@plinth/tenancy';

export class PaginationMeta {
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ example: 20 })
  limit: number;
}

interface EndpointDoc {
  summary: string;
  description?: string;
  /** The success payload inside `data` (a DTO class, or 'string'); omit for `data: null`. */
  response?: Type<unknown> | 'string';
  isArray?: boolean;
  paginated?: boolean;
  status?: number;
  /** The route's own error codes; what every route of its kind answers (auth, membership, limits) is added for it. */
  errors?: ErrorCode[];
}

/** Documents one endpoint: summary, the success envelope around its payload, and the error codes it answers with. */
export function ApiEndpoint(doc: EndpointDoc): MethodDecorator {
  const status = doc.status ?? 200;
  const decorators = [
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiExtraModels(PaginationMeta, ...(typeof doc.response === 'function' ? [doc.response] : [])),
    status === 204
      ? ApiResponse({ status, description: 'Done; no body' })
      : ApiResponse({ status, description: 'Success', schema: successSchema(doc) }),
    ApiErrors(...(doc.errors ?? [])),
  ];
  if (status !== 201) decorators.push(HttpCode(status));
  return applyDecorators(...decorators);
}

function successSchema(doc: EndpointDoc) {
  const item =
    doc.response === 'string'
      ? { type: 'string' as const }
      : doc.response
        ? { $ref: getSchemaPath(doc.response) }
        : { type: 'object' as const, nullable: true, example: null };
  const data = doc.isArray || doc.paginated ? { type: 'array' as const, items: item } : item;
  const properties: Record<string, object> = { success: { type: 'boolean', enum: [true] }, data };
  if (doc.paginated) properties.pagination = { $ref: getSchemaPath(PaginationMeta) };
  return { type: 'object' as const, required: Object.keys(properties), properties };
}
