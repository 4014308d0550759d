import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { findProseAssignment } from '../../../shared/parser/core/prose';
import { linesAsBlocks } from './seedHelpers';

/**
 * A numbered measure often opens with a short headline of its own ("要强化督查。", "加强组织领导，") and then names
 * who carries it out as the subject of the next clause, as the line after a heading does. Meeting decisions read the
 * same way ("原则同意该《方案》，政府办公室要…"). Roles ("各牵头单位要…") are never that subject.
 */
const tasks = (text: string) =>
  parseExtracted(linesAsBlocks(text)).tasks.map((t) => ({ number: t.number, lead: t.lead, support: t.support }));

describe('the subject after a measure\'s headline carries it out', () => {
  it('meeting decisions: "要强化督查。A、B要…" and "原则同意该《方案》，A要…"', () => {
    const read = tasks(
      '会议确定:\n1、原则同意该《方案》,政府办公室要根据会上提出的意见建议,进一步修改完善后印发实施。\n' +
        '2、要主动担责。《方案》明晰了每一项任务的牵头单位,要逐一认领、抓好落实。\n' +
        '3、要强化督查。区委督委办、区政府督查室要对工作落实情况实行一月一调度。',
    );
    expect(read.find((t) => t.number === '1')).toMatchObject({ lead: ['政府办公室'], support: [] });
    expect(read.find((t) => t.number === '3')).toMatchObject({ lead: ['区委督委办'], support: ['区政府督查室'] });
    expect(read.find((t) => t.number === '2')?.lead ?? []).toEqual([]);
  });

  it('a (一) measure: "加强组织领导。县民政局要…" and "强化资金保障,县财政局要…"', () => {
    const read = tasks(
      '三、保障措施\n(一)加强组织领导。县民政局要会同有关部门建立协调机制。\n(二)强化资金保障,县财政局要将所需经费纳入预算。',
    );
    expect(read).toEqual([
      { number: '(一)', lead: ['县民政局'], support: ['有关部门'] },
      { number: '(二)', lead: ['县财政局'], support: [] },
    ]);
  });

  it('in a single passage: the clause after a short headline, several subjects as one list', () => {
    expect(findProseAssignment('狠抓工作落实。市农业农村局、市水利局要按月调度进度。')).toMatchObject({
      lead: [],
      listed: ['市农业农村局', '市水利局'],
    });
    expect(findProseAssignment('压实属地责任,各镇人民政府要落实专人负责。')).toMatchObject({ lead: ['各镇人民政府'] });
  });

  it('near misses: a long opening sentence, a subject further on, a leader, a role', () => {
    // The opening sentence is no headline: the body named later is not read as the one responsible.
    expect(findProseAssignment('今年是全面贯彻党的二十大精神的开局之年,做好政府工作意义重大,区财政局要做好保障。')).toBeNull();
    // Only the clause right after the headline: a subject in the third clause is running prose.
    expect(findProseAssignment('要抓到实处。要坚持目标引领,区发改局带头建立台账。')).toBeNull();
    // A leader is no body.
    expect(findProseAssignment('要抓到实处。牵头领导要带头拉出清单、建立台账。')).toBeNull();
    // Roles address whoever holds them.
    expect(findProseAssignment('要强化协作。各牵头单位要主动对接责任单位。')).toBeNull();
  });
});
