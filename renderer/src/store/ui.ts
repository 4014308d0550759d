import { create } from 'zustand';

/** Top-level screens. Each lives in renderer/src/features/<name>/. */
export type View = 'plans' | 'import' | 'tasks' | 'supervisor' | 'sync' | 'settings' | 'planEdit' | 'help';

interface UiState {
  view: View;
  /** The plan the user is working in; null shows the plan list. */
  planId: string | null;
  /** The task whose detail drawer is open. */
  openTaskId: string | null;
  go(view: View): void;
  openPlan(planId: string | null): void;
  openTask(taskId: string | null): void;
}

export const useUi = create<UiState>()((set) => ({
  view: 'plans',
  planId: null,
  openTaskId: null,
  go: (view) => set({ view }),
  openPlan: (planId) => set({ planId, openTaskId: null }),
  openTask: (openTaskId) => set({ openTaskId }),
}));
