import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Top-level screens. Each lives in renderer/src/features/<name>/. */
export type View = 'plans' | 'import' | 'tasks' | 'supervisor' | 'requests' | 'scoring' | 'sync' | 'settings' | 'planEdit' | 'help';
const VIEWS: readonly View[] = ['plans', 'import', 'tasks', 'supervisor', 'requests', 'scoring', 'sync', 'settings', 'planEdit', 'help'];

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

/** Where the current screen and plan are remembered across a reload (this PC only, never synced). */
export const UI_STORAGE_KEY = 'taizhang.ui';

/** The remembered part of the UI state, checked when read back (the storage is outside the app's control). */
export function restoreUi(saved: unknown): Partial<Pick<UiState, 'view' | 'planId'>> {
  if (!saved || typeof saved !== 'object') return {};
  const { view, planId } = saved as Record<string, unknown>;
  return {
    ...(typeof view === 'string' && (VIEWS as readonly string[]).includes(view) ? { view: view as View } : {}),
    ...(typeof planId === 'string' && /^plan_[0-9a-f]{16,64}$/.test(planId) ? { planId } : {}),
  };
}

/** Screens that show the current plan's tasks and progress (usePlanData). */
const PLAN_SCREENS: ReadonlySet<View> = new Set(['tasks', 'supervisor', 'scoring', 'planEdit']);

/**
 * Going to a plan screen starts reading the plan at once, side by side with the screen's code download (as a route
 * loader does), instead of after the screen first renders.
 */
function startPlanRead(view: View, planId: string | null): void {
  if (!planId || !PLAN_SCREENS.has(view)) return;
  void import('./planView').then(({ usePlanView }) => usePlanView.getState().load(planId, false, view === 'tasks' || view === 'supervisor' ? view : 'other')).catch(() => undefined);
}

export const useUi = create<UiState>()(
  persist(
    (set, get) => ({
      view: 'plans',
      planId: null,
      openTaskId: null,
      go: (view) => {
        startPlanRead(view, get().planId);
        set({ view });
      },
      openPlan: (planId) => set({ planId, openTaskId: null }),
      openTask: (openTaskId) => set({ openTaskId }),
    }),
    {
      name: UI_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ view: s.view, planId: s.planId }),
      merge: (saved, current) => ({ ...current, ...restoreUi(saved) }),
    },
  ),
);
