import { create } from 'zustand';
import type { Identity } from '../../../shared/model';
import { getDatabase } from '../../db/database';
import { openInstallation, setIdentity } from '../../db/installation';

interface IdentityState {
  /** undefined while loading; null before first-run setup. */
  identity: Identity | null | undefined;
  load(): Promise<void>;
  save(office: string, role: Identity['role']): Promise<Identity>;
}

/** This PC's office and installation kind (部门 / 督办), read once and kept in memory. */
export const useIdentity = create<IdentityState>()((set) => ({
  identity: undefined,
  async load() {
    set({ identity: await openInstallation(getDatabase()) });
  },
  async save(office, role) {
    const identity = await setIdentity(getDatabase(), office, role);
    set({ identity });
    return identity;
  },
}));

export const ROLE_NAMES: Record<Identity['role'], string> = {
  department: '部门填报（本单位填写进展）',
  supervisor: '督办（导入文件、检查各单位进展）',
};
export const ROLE_SHORT: Record<Identity['role'], string> = { department: '部门', supervisor: '督办' };
