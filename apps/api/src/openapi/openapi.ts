import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentErrorResponses, ERROR_MODELS } from '@plinth/tenancy';

/** Each tag's one-line summary, in the order Swagger UI lists them. */
const TAGS: Array<[name: string, description: string]> = [
  ['auth', 'Accounts and sessions: signup, login, token refresh, email verification, password reset, account settings'],
  ['organizations', 'Organizations the caller belongs to: create, rename, switch, export, delete, ownership'],
  ['members', 'Who belongs to an organization and with which role'],
  ['invites', 'Email invitations to join an organization: send, resend, revoke, accept'],
  ['sites', 'The reference product: sites (metered by the `sites` quota)'],
  ['posts', 'Posts of a site (metered per site by the `posts` quota)'],
  ['media', 'Files of a site (metered by `storage_bytes`), sniffed on upload, served sandboxed'],
  ['quotas', 'Plan limits and current usage; a dry-run check before acting'],
  ['billing', 'Plans, Stripe Checkout and Customer Portal, subscription, invoices, Stripe webhooks'],
  ['api-keys', 'Organization-scoped API keys (shown once, stored as hashes)'],
  ['webhooks', 'Outgoing webhooks (Standard Webhooks): endpoints, event filters, signing secrets, deliveries and replays'],
  ['audit', 'The organization’s audit log: read, filter, export'],
  ['admin', 'Platform administration (platform admins only)'],
  ['health', 'Liveness, readiness (database, job queue, mail, Redis) and the running version'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Plinth API')
    .setDescription(
      'Multi-tenant SaaS foundation. Every response is an envelope: `{ success: true, data }` ' +
        'or `{ success: false, error: { code, message, details? } }`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: ERROR_MODELS,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return documentErrorResponses(document);
}

/** Swagger UI at /api/docs, the JSON at /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'Plinth API',
    swaggerOptions: { persistAuthorization: true },
  });
}
