export * from './exportSnapshot';
export * from './importSnapshot';
export * from './backups';
export * from './conflicts';
export * from './digest';
export * from './marks';
export * from './sealing';
export * from './signExport';
