import { describe, expect, it } from 'vitest';
import type { ParsedTask } from '../../../shared/parser/types';
import { describePlanDiff, diffPlan } from '../../../shared/tracking/planDiff';
import { samplePlan } from './fixtures';

const t = (number: string, content: string, lead: string[], support: string[] = [], section = ['一、总体']): ParsedTask => ({
  number,
  section,
  content,
  lead,
  support,
  implement: [],
  deadline: null,
});

describe('re-import diff', () => {
  const old = samplePlan([t('1', '压缩企业开办时间', ['市市场监管局']), t('2', '推行证照分离', ['市卫生健康局'], ['市公安局']), t('3', '建立长效机制', ['市民政局'])]);

  it('the same document again changes nothing (whitespace and full-width differences are not changes)', () => {
    const same = samplePlan([t('1', '压缩企业开办 时间', ['市市场监管局']), t('2', '推行证照分离', ['市卫生健康局'], ['市公安局']), t('3', '建立长效机制', ['市民政局'])]);
    const d = diffPlan(old, same);
    expect(d.identical).toBe(true);
    expect(d.unchanged).toBe(3);
    expect(describePlanDiff(d)).toBe('与已导入版本相同（3 项任务无变化）');
  });

  it('reports added, removed, reworded and reassigned tasks with names', () => {
    const next = samplePlan([
      t('1', '压缩企业开办时间至1个工作日', ['市市场监管局']),
      t('2', '推行证照分离', ['市卫生健康局', '市市场监管局'], []),
      t('4', '新增一项任务', ['市财政局']),
    ]);
    const d = diffPlan(old, next);
    expect(d.added.map((x) => [x.number, x.content])).toEqual([['4', '新增一项任务']]);
    expect(d.removed.map((x) => [x.number, x.content])).toEqual([['3', '建立长效机制']]);
    expect(d.reworded).toEqual([{ number: '1', taskId: old.tasks[0]!.id, oldContent: '压缩企业开办时间', newContent: '压缩企业开办时间至1个工作日' }]);
    expect(d.reassigned).toHaveLength(1);
    expect(d.reassigned[0]!.changes.map((c) => [c.roleLabel, c.added, c.removed])).toEqual([
      ['牵头', ['市市场监管局'], []],
      ['配合', [], ['市公安局']],
    ]);
    expect(d.unchanged).toBe(0);
    expect(d.identical).toBe(false);
    expect(describePlanDiff(d)).toBe('新增 1 项，删除 1 项，内容修改 1 项，责任单位调整 1 项，无变化 0 项');
  });

  it('notices a task moved to another section', () => {
    const next = samplePlan([t('1', '压缩企业开办时间', ['市市场监管局'], [], ['二、保障']), t('2', '推行证照分离', ['市卫生健康局'], ['市公安局']), t('3', '建立长效机制', ['市民政局'])]);
    const d = diffPlan(old, next);
    expect(d.moved).toEqual([{ number: '1', taskId: old.tasks[0]!.id, before: '一、总体', after: '二、保障' }]);
    expect(d.unchanged).toBe(2);
  });
});
