export * from './inbox';
export * from './factories';
