export { parseCallbackUrl, type CallbackParams } from './callbackUrl';
export * from './engine';
export * from './errors';
export * from './pendingFlows';
export * from './instanceWrites';
export * from './steps';
