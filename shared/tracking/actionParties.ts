import type { Action } from '../model/schemas';

/** Who an action came from and whom it was addressed to, as a task's history names them. */
export interface ActionParties {
  /** The unit that asked for more time, or the office that recorded a decision (销号, 退回, 催办, the answer to a 延期). */
  actor: string;
  /** The unit a decision went to ("市卫生健康局"), every responsible unit, or null (a 销号, a request). */
  addressee: string | null;
}

/** What the history says for an action addressed to nobody in particular. */
export const EVERY_RESPONSIBLE_UNIT = '全部责任单位';
const UNKNOWN_UNIT = '（未知单位）';

/**
 * The parties of an action. A 延期申请 is the requesting unit's own act (its name, or the recording office when the
 * unit is not known here); every other action is the supervising office's decision: a 退回 or 催办 goes to its unit
 * (or to every responsible unit when it names none), the answer to a 延期 to the unit that asked, a 销号 to no one.
 */
export function actionParties(action: Pick<Action, 'kind' | 'unitId' | 'by'>, unitName: (id: string) => string | undefined): ActionParties {
  if (action.kind === 'extension-request') return { actor: (action.unitId && unitName(action.unitId)) || action.by, addressee: null };
  if (action.unitId) return { actor: action.by, addressee: unitName(action.unitId) ?? UNKNOWN_UNIT };
  return { actor: action.by, addressee: action.kind === 'return' || action.kind === 'urge' ? EVERY_RESPONSIBLE_UNIT : null };
}
