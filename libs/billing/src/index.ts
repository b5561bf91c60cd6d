export * from './lib/types';
export * from './lib/prices';
export * from './lib/stripe-objects';
export * from './lib/stripe-provider';
