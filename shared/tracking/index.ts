export * from './dates';
export * from './standing';
export * from './roles';
export * from './taskFilter';
export * from './reportInput';
export * from './planDiff';
export * from './latest';
