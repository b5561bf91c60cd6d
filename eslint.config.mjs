import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const scope = (name, allowed) => ({ sourceTag: `scope:${name}`, onlyDependOnLibsWithTags: allowed.map((s) => `scope:${s}`) });

// DESIGN.md's boundaries: libs never import apps; tenancy depends on nothing of ours;
// quota on tenancy; billing on tenancy and quota; web only on api-client;
// dev-services (embedded PostgreSQL, mail catcher) on nothing of ours, used by testing and tools/dev.
// `billingSpecs`: billing's unit tests may also use libs/testing (the fake Stripe); its code may not.
const boundaries = ({ billingSpecs = false } = {}) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app', 'type:e2e'] },
      scope('tenancy', []),
      scope('quota', ['tenancy']),
      scope('billing', billingSpecs ? ['tenancy', 'quota', 'testing'] : ['tenancy', 'quota']),
      scope('api-client', []),
      scope('dev-services', []),
      scope('testing', ['tenancy', 'dev-services']),
      scope('api', ['tenancy', 'quota', 'billing', 'testing']),
      scope('web', ['api-client']),
      scope('web-e2e', ['testing', 'api-client']),
    ],
  },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.plinth', 'libs/api-client/src/schema.d.ts'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Decorator metadata (validation, OpenAPI) needs the annotation even where the type is inferable.
      '@typescript-eslint/no-inferrable-types': 'off',
    },
  },
  { files: ['libs/billing/src/**/*.spec.ts'], rules: { '@nx/enforce-module-boundaries': boundaries({ billingSpecs: true }) } },
  // Formatting is Prettier's (checked by each project's lint target), never ESLint's.
  prettier,
];
