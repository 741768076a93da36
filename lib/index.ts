export * from './connect-instance';
export * from './engagement-context';
