export { parseCallbackUrl, type CallbackParams } from './callbackUrl';
export * from './engine';
export type { ProvisionInputs } from './flowRequest';
export * from './errors';
export * from './pendingFlows';
export * from './instanceWrites';
export * from './steps';
