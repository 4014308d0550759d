import type { Command } from './command';

/**
 * Every CLI command. Each feature adds its command module here (parse, snapshot, simulate…).
 * Modules are loaded lazily so `--help` stays fast.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  parse: { summary: '解析工作方案或任务分解表', load: async () => (await import('./commands/parse')).parseCommand },
  snapshot: { summary: '同步文件（.tzsync）：查看、校验、合并', load: async () => (await import('./commands/snapshot')).snapshotCommand },
  simulate: { summary: '生成模拟同步文件（测试与性能评估用）', load: async () => (await import('./commands/simulate')).simulateCommand },
  export: { summary: '导出台账、督办通报、催办通知单、进展情况报告或填报表', load: async () => (await import('./commands/export')).exportCommand },
  form: { summary: '填报表：检查填好的填报表（将导入什么，或为何拒绝）', load: async () => (await import('./commands/form')).formCommand },
  version: { summary: '显示版本号', load: async () => (await import('./commands/version')).versionCommand },
};
