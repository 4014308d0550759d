import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * "由A牵头组织B、C…" / "A牵头会同B…" / "由A牵头协调B…": the lead names the bodies it brings in to do the work with
 * it; they support it. A name ending in 部 that goes on with 门 is a 部门 ("区相关部门对…").
 */
const read = (text: string) => {
  const t = parseExtracted(linesAsBlocks(text)).tasks[0]!;
  return { lead: t.lead, support: t.support };
};

describe('the bodies a lead brings in support it', () => {
  it('"由A牵头组织B对…" with a collective', () => {
    expect(read('五、工作安排\n(三)检查验收阶段(9-10月)。由区工商分局牵头组织区相关部门对辖区市场的创建成效进行评估验收。')).toEqual({
      lead: ['区工商分局'],
      support: ['区相关部门'],
    });
  });

  it('"由A牵头组织B、C等…" with named units', () => {
    expect(read('二、主要任务\n(一)开展联合执法。由县市场监管局牵头组织县公安局、县农业农村局等部门开展联合执法检查。')).toEqual({
      lead: ['县市场监管局'],
      support: ['县公安局', '县农业农村局'],
    });
  });

  it('"A牵头协调B…" and "A牵头会同B…"', () => {
    expect(read('三、工作措施\n(二)统筹资金保障。市财政局牵头协调市发展改革委做好项目资金安排。')).toEqual({
      lead: ['市财政局'],
      support: ['市发展改革委'],
    });
    expect(read('三、工作措施\n(二)统筹资金保障。市财政局牵头会同市税务局做好政策兑现。')).toEqual({
      lead: ['市财政局'],
      support: ['市税务局'],
    });
  });

  it('reads the whole partner name before what they do, and stops at 等 ("由A会同B、C等部门研究…")', () => {
    expect(read('一、工作分工\n(一)关于粮食安全的问题,由市发展改革委会同市农业农村局、市粮食和物资储备局等部门研究提出落实意见。')).toEqual({
      lead: ['市发展改革委'],
      support: ['市农业农村局', '市粮食和物资储备局'],
    });
  });

  it('a lead alone stays alone ("由A牵头,…" naming no one brought in)', () => {
    expect(read('三、工作措施\n(二)统筹资金保障。由市财政局牵头,统筹安排项目资金。')).toEqual({ lead: ['市财政局'], support: [] });
    expect(read('三、工作措施\n(二)统筹资金保障。由市财政局牵头组织实施。')).toEqual({ lead: ['市财政局'], support: [] });
  });
});
