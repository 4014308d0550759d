import { describe, expect, it } from 'vitest';
import { findProseAssignment, isRolePlaceholder } from '../../../shared/parser/core/prose';

/** Roles ("各牵头单位要…", "责任单位要…") address whoever holds them in the plan: never the subject of a task. */
describe('a role is never the subject of an assignment', () => {
  it('recognises roles, not bodies', () => {
    for (const role of ['各牵头单位', '牵头单位', '各责任单位', '责任单位', '各配合单位', '协办单位', '各主要责任单位', '相关责任部门']) {
      expect(isRolePlaceholder(role), role).toBe(true);
    }
    for (const body of ['市发改委', '各有关单位', '区政府督查室', '各县区政府', '县委组织部', '有关部门']) {
      expect(isRolePlaceholder(body), body).toBe(false);
    }
  });

  it('"各牵头单位要…" opening a paragraph assigns nothing; "各有关单位要…" still names a body', () => {
    expect(findProseAssignment('各牵头单位要于每月28日前报送工作进展情况。')).toBeNull();
    expect(findProseAssignment('各责任单位要认真履责、主动配合。')).toBeNull();
    expect(findProseAssignment('责任单位要按照职责分工抓好落实。')).toBeNull();
    expect(findProseAssignment('各有关单位要按照职责分工抓好落实。')).toMatchObject({ lead: ['各有关单位'] });
  });
});
