import { describe, expect, it } from 'vitest';
import { formatStamp, type ServiceRequest } from '../../../shared/model';
import { defaultPrefix, duplicateNumbers, nextSeq, requestNumber } from '../../../shared/requests/numbering';

const r = (prefix: string, year: number, seq: number, id: string): ServiceRequest => ({
  id, stamp: formatStamp(1, 0, 'a'), by: 'x', planId: 'plan_0000000000000001', office: 'x', prefix, year, seq,
  source: 'other', sourceName: 's', requester: '', contact: '', receivedOn: `${year}-01-01`, subject: 's', content: 'c', attachments: [], urgency: 'normal',
});

describe('request numbers', () => {
  it('default prefix is the office’s own name without its parent body', () => {
    expect(defaultPrefix('市药监局第一检查局')).toBe('第一检查局');
    expect(defaultPrefix('重庆市药品监督管理局药品注册处')).toBe('药品注册处');
    expect(defaultPrefix('市药审中心')).toBe('市药审中心');
    expect(defaultPrefix('巴南区市场监督管理局')).toBe('巴南区市场监督管理局');
    expect(defaultPrefix('市经济和信息化委员会产业发展处')).toBe('产业发展处');
    expect(defaultPrefix(' 市 卫生健康委 ')).toBe('市卫生健康委');
  });

  it('counts per prefix and year; two PCs of one office numbering apart are found', () => {
    const list = [r('一检', 2024, 1, 'req_a'), r('一检', 2024, 2, 'req_b'), r('药审', 2024, 5, 'req_c'), r('一检', 2023, 9, 'req_d')];
    expect(nextSeq(list, '一检', 2024)).toBe(3);
    expect(nextSeq(list, '一检', 2025)).toBe(1);
    expect(nextSeq(list, '药审', 2024)).toBe(6);
    expect(requestNumber(list[0]!)).toBe('一检-2024-001');
    expect(duplicateNumbers(list).size).toBe(0);
    const clash = [...list, r('一检', 2024, 2, 'req_e')];
    expect([...duplicateNumbers(clash)]).toEqual([['一检-2024-002', ['req_b', 'req_e']]]);
  });
});
