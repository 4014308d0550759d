import { describe, expect, it } from 'vitest';
import { checkActionInput, checkDeadlineAgainstPlan, checkReportPeriod, deadlinesBeforePlanDate, type ActionContext, checkReportInput, MAX_ATTACHMENT_BYTES } from '../../../shared/tracking/reportInput';
import { action, samplePlan } from './fixtures';

const records = samplePlan();
const base = { planId: records.plan.id, taskId: records.tasks[0]!.id, unitId: records.tasks[0]!.lead[0]!, period: '2024-Q2', status: 'in-progress', progress: '推进中' };
const message = (input: unknown) => {
  const r = checkReportInput(input);
  return r.ok ? null : r.message;
};

describe('report input', () => {
  it('accepts a complete report and fills defaults', () => {
    const r = checkReportInput({ ...base, percent: 40 });
    expect(r.ok && r.value).toMatchObject({ status: 'in-progress', percent: 40, problems: '', attachments: [], keepAttachments: [] });
  });
  it('refuses a report without a status', () => {
    expect(message({ ...base, status: undefined })).toBe('请选择状态');
    expect(message({ ...base, status: '' })).toBe('请选择状态');
    expect(message({ ...base, status: 'bogus' })).toBe('请选择状态');
  });
  it('refuses a bad percent, period or missing progress', () => {
    expect(message({ ...base, percent: 101 })).toBe('完成比例应为 0–100 的整数');
    expect(message({ ...base, percent: 12.5 })).toBe('完成比例应为 0–100 的整数');
    expect(message({ ...base, period: '2024-Q5' })).toBe('无效的报送周期');
    expect(message({ ...base, progress: '  ' })).toBe('请填写进展情况');
    expect(message({ ...base, status: 'done', percent: 80 })).toBe('状态为已完成时，完成比例应为 100');
    expect(message({ ...base, progress: '长'.repeat(5001) })).toBe('进展情况不能超过5000字');
  });
  it('refuses empty and oversized attachments by name', () => {
    expect(message({ ...base, attachments: [{ name: '空.pdf', bytes: new Uint8Array(0) }] })).toBe('附件「空.pdf」是空文件');
    expect(message({ ...base, attachments: [{ name: '大.zip', bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }] })).toBe(
      '附件「大.zip」超过 20 MB，请压缩后再上传',
    );
    expect(message({ ...base, attachments: [{ name: '刚好.zip', bytes: new Uint8Array(MAX_ATTACHMENT_BYTES) }] })).toBeNull();
  });
});

describe('action input', () => {
  const ctx: ActionContext = { plan: records.plan, task: records.tasks[0]!, actions: [], today: '2024-05-01' };
  const unit = records.tasks[0]!.lead[0]!;
  const ask = (kind: Parameters<typeof checkActionInput>[0]['kind'], extra: object = {}, c: Partial<ActionContext> = {}) => {
    const r = checkActionInput({ planId: records.plan.id, taskId: records.tasks[0]!.id, unitId: unit, kind, ...extra }, { ...ctx, ...c });
    return r.ok ? r.value : r.message;
  };

  it('needs a reason to return and a text to urge; 销号 needs neither', () => {
    expect(ask('return')).toBe('请填写退回原因');
    expect(ask('urge', { text: ' ' })).toBe('请填写催办内容');
    expect(ask('confirm')).toMatchObject({ kind: 'confirm', date: '2024-05-01' });
    expect(ask('urge', { text: '请于本周内报送', date: '2024-05-03' })).toMatchObject({ text: '请于本周内报送', date: '2024-05-03' });
  });
  it('accepts an extension request before the deadline for a later date', () => {
    expect(ask('extension-request', { newDeadline: '2024-09-30', text: '需跨部门协调' })).toMatchObject({ newDeadline: '2024-09-30' });
  });
  it('refuses an extension request after the deadline, to an earlier date, or before the plan’s date', () => {
    expect(ask('extension-request', { newDeadline: '2024-09-30', text: '理由' }, { ...ctx, today: '2024-07-01' })).toBe(
      '已超过完成时限 2024-06-30，延期须在到期前申请',
    );
    expect(ask('extension-request', { newDeadline: '2024-06-01', text: '理由' })).toBe('申请延至的日期须晚于现有完成时限 2024-06-30');
    expect(ask('extension-request', { newDeadline: '2023-12-01', text: '理由' })).toBe('完成时限不能早于计划印发日期');
    expect(ask('extension-request', { newDeadline: '2024-09-30' })).toBe('请填写延期理由');
    expect(ask('extension-request', { newDeadline: '2024-02-30', text: '理由' })).toBe('完成时限日期格式应为 YYYY-MM-DD');
  });
  it('approves or refuses only a pending request; approval grants the requested date', () => {
    expect(ask('extension-approve')).toBe('没有待审核的延期申请');
    const req = action(records, 0, 'extension-request', { unitId: unit, newDeadline: '2024-09-30' });
    expect(ask('extension-approve', {}, { actions: [req] })).toMatchObject({ newDeadline: '2024-09-30', unitId: unit });
    expect(ask('extension-refuse', {}, { actions: [req] })).toBe('请填写不同意延期的理由');
    expect(ask('extension-request', { newDeadline: '2024-10-30', text: '再延' }, { actions: [req] })).toBe('已有待审核的延期申请');
  });
  it('refuses a deadline before the plan’s date', () => {
    expect(checkDeadlineAgainstPlan(records.plan, '2023-12-31')).toBe('完成时限不能早于计划印发日期');
    expect(checkDeadlineAgainstPlan(records.plan, '2024-01-10')).toBeNull();
    expect(checkDeadlineAgainstPlan({ date: null }, '2000-01-01')).toBeNull();
  });
});

describe('report period', () => {
  it('follows the plan’s cadence and refuses future periods', () => {
    expect(checkReportPeriod(records.plan, '2024-Q2', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(records.plan, '2023-Q4', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(records.plan, '2024-Q3', '2024-05-01')).toBe('不能填报尚未开始的报送周期');
    expect(checkReportPeriod(records.plan, '2024-05', '2024-05-01')).toBe('该计划按季度报送，请选择季度');
    const monthly = { cadence: { every: 'month' as const, day: 5 } };
    expect(checkReportPeriod(monthly, '2024-Q2', '2024-05-01')).toBe('该计划按月报送，请选择月份');
    expect(checkReportPeriod(monthly, '2024-05', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(monthly, 'x', '2024-05-01')).toBe('无效的报送周期');
  });
  it('lists tasks whose deadline precedes the plan’s date', () => {
    const tasks = [
      { number: '1', deadline: { text: '2023年底前', date: '2023-12-31', kind: 'date' as const } },
      { number: '2', deadline: { text: '长期', date: null, kind: 'ongoing' as const } },
      { number: '3', deadline: null },
    ];
    expect(deadlinesBeforePlanDate(records.plan, tasks)).toEqual(['1']);
    expect(deadlinesBeforePlanDate({ date: null }, tasks)).toEqual([]);
  });
});
