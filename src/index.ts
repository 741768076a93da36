export * from './connect-instance';
export * from './engagement-context';
export * from './contact-evaluation';
export * from './case';
export * from './contact-flow-version';
export * from './connect-resources-handler';
export * from './connect-resources-handler-options';
export * from './validation-code';
