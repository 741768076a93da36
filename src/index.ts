export * from './connect-instance';
export * from './engagement-context';
export * from './contact-evaluation';
export * from './case';
export * from './flow-version';
export * from './connect-resources-handler';
export * from './connect-resources-handler-options';
