export * from './supervisor';
export * from './ledger';
