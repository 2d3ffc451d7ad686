export * from './http';
export * from './faults';
export * from './rateLimit';
export * from './requestLog';
export * from './admin';
