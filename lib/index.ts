export * from './connect-instance';
