import { describe, expect, it } from 'vitest';
import { formatStamp, unitId, type RequestLedger, type ServiceRequest } from '../../../shared/model';
import { ledgerId, ledgerMatrix, ledgerReporting } from '../../../shared/requests/quarterly';

const plan = { cadence: { every: 'quarter' as const, day: 20 } };
const req = (office: string, receivedOn: string, n: number): ServiceRequest => ({
  id: `req_${String(n).padStart(16, '0')}`, stamp: formatStamp(n, 0, 'a'), by: office, planId: 'plan_0000000000000001', office, prefix: office.slice(-4), year: 2024, seq: n,
  source: 'district', sourceName: '巴南区', requester: '', contact: '', receivedOn, subject: 's', content: 'c', attachments: [], urgency: 'normal',
});
const ledger = (office: string, period: string, firstSubmittedAt: string): RequestLedger => ({
  id: ledgerId('plan_0000000000000001', office, period), stamp: formatStamp(1, 0, 'a'), by: office, planId: 'plan_0000000000000001', office, unitId: unitId(office), period,
  firstSubmittedAt, submittedAt: firstSubmittedAt, requestIds: [], note: '',
});

describe('quarterly 区域台账 submissions ("每季度最后一个月20日前将台账交科标处")', () => {
  const requests = [req('第一检查局', '2024-07-05', 1), req('市药审中心', '2024-10-08', 2)];
  const ledgers = [ledger('第一检查局', '2024-Q3', '2024-09-18T10:00:00+08:00'), ledger('第一检查局', '2024-Q4', '2024-12-22T10:00:00+08:00')];
  const state = (office: string, period: string, today: string) => ledgerReporting({ plan, requests, ledgers, office, period, today }).state;

  it('is 已报 / 迟报 by the first submission, 未到期 before the 20th, 未报 after, 无需报送 with no requests on the books', () => {
    expect(state('第一检查局', '2024-Q3', '2024-11-01')).toBe('reported');
    expect(state('第一检查局', '2024-Q4', '2024-12-30')).toBe('late');
    expect(state('市药审中心', '2024-Q4', '2024-12-20')).toBe('not-due');
    expect(state('市药审中心', '2024-Q4', '2024-12-21')).toBe('missing');
    expect(state('市药审中心', '2024-Q3', '2024-12-21')).toBe('none');
  });

  it('the matrix lists every liaison office and the periods since the first request, with due days from the cadence', () => {
    const m = ledgerMatrix({ plan, requests, ledgers, today: '2024-12-25' });
    expect(m.periods).toEqual(['2024-Q3', '2024-Q4']);
    expect(m.dueDates).toEqual({ '2024-Q3': '2024-09-20', '2024-Q4': '2024-12-20' });
    expect(m.rows.map((r) => [r.office, r.cells['2024-Q3']!.state, r.cells['2024-Q4']!.state])).toEqual([
      ['第一检查局', 'reported', 'late'],
      ['市药审中心', 'none', 'missing'],
    ]);
  });

  it('lists the offices in the one order names are listed in (compareNames: digits as numbers)', () => {
    const many = [req('第10联络组', '2024-07-05', 3), req('第2联络组', '2024-07-06', 4), req('第1联络组', '2024-07-07', 5)];
    const m = ledgerMatrix({ plan, requests: many, ledgers: [], today: '2024-09-25' });
    expect(m.rows.map((r) => r.office)).toEqual(['第1联络组', '第2联络组', '第10联络组']);
  });
});
