import { describe, expect, it } from 'vitest';
import { findProseAssignment } from '../../../shared/parser/core/prose';
import { isUnitName } from '../../../shared/parser/core/units';

/**
 * A measure's headline often ends in a character that also ends a body's name ("要抓到实处。", "强化督查处置。"):
 * a clause that opens with a requirement's verb (要, 务必, 切实, 加强…) is never a body, so it is not read as the
 * subject of a duty list ("<unit>。负责…").
 */
describe('a requirement is not a body', () => {
  it('clauses opening with a requirement verb are not unit names', () => {
    for (const clause of ['要抓到实处', '务必落实到处', '切实加强督查处', '加强监管局', '确保专班到位办', '抓好整改处']) {
      expect(isUnitName(clause), clause).toBe(false);
    }
  });

  it('bodies whose names start with similar characters still are', () => {
    for (const body of ['应急管理局', '市应急管理局', '要素保障组', '县发改局', '区推进办公室']) {
      expect(isUnitName(body), body).toBe(true);
    }
  });

  it('a headline ending in 处 followed by "牵头领导要…" assigns nothing', () => {
    expect(findProseAssignment('要抓到实处。牵头领导要带头拉出清单、建立台账。')).toBeNull();
    expect(findProseAssignment('务必落实到处。负责同志要亲自抓。')).toBeNull();
    // The duty-list shape itself still reads: a body standing alone, then what it does.
    expect(findProseAssignment('区城管执法大队。负责查处占道经营行为。')).toMatchObject({ lead: ['区城管执法大队'] });
  });
});
