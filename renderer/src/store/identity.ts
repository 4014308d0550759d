import { create } from 'zustand';
import type { Identity } from '../../../shared/model';
import { getDatabase } from '../../db/database';

interface IdentityState {
  /** undefined while loading; null before first-run setup. */
  identity: Identity | null | undefined;
  /** Read this PC's identity and make its keys if missing (openInstallation). */
  load(): Promise<void>;
  save(office: string, role: Identity['role']): Promise<Identity>;
}

/** This PC's office and installation kind (部门 / 督办), read once and kept in memory. installation.ts (and the schemas under it) loads apart from the first screen's code. */
export const useIdentity = create<IdentityState>()((set, get) => ({
  identity: undefined,
  async load() {
    const { openInstallation } = await import('../../db/installation');
    const identity = await openInstallation(getDatabase());
    // Called again after the first paint (which showed the identity read at start-up): unchanged, nothing re-renders.
    if (!sameIdentity(get().identity, identity)) set({ identity });
  },
  async save(office, role) {
    const { setIdentity } = await import('../../db/installation');
    const identity = await setIdentity(getDatabase(), office, role);
    set({ identity });
    return identity;
  },
}));

function sameIdentity(a: Identity | null | undefined, b: Identity | null): boolean {
  return a === b || (!!a && !!b && a.deviceId === b.deviceId && a.office === b.office && a.role === b.role);
}

export const ROLE_NAMES: Record<Identity['role'], string> = {
  department: '部门填报（本单位填写进展）',
  supervisor: '督办（导入文件、检查各单位进展）',
};
export const ROLE_SHORT: Record<Identity['role'], string> = { department: '部门', supervisor: '督办' };
