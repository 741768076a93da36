export * from './connect-instance';
export * from './contact-evaluation';
