/** The instance console's core: load it on first use (it is its own module graph). */
export * from './answer';
export * from './curl';
export * from './exampleBody';
export * from './formatRequest';
export * from './headers';
export * from './httpDocument';
export * from './instanceConsole';
export * from './operations';
export * from './references';
export * from './request';
export * from './requestDocument';
export * from './send';
