export * from './connect-instance';
export * from './case';
