/** The instance console's core: load it on first use (it is its own module graph). */
export * from './curl';
export * from './exampleBody';
export * from './httpDocument';
export * from './instanceConsole';
export * from './operations';
export * from './references';
export * from './requestDocument';
export * from './send';
