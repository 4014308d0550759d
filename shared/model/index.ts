export * from './schemas';
export * from './hlc';
export * from './ids';
export * from './hash';
export * from './periods';
export * from './planBuilder';
export * from './newPlan';
export * from './roles';
