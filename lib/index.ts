export * from './connect-instance';
export * from './flow-version';
