import { lazy, type ComponentType } from 'react';
import type { View } from './store/ui';
import { PlansPage } from './features/plans/PlansPage';
import { loadPart } from './LoadBoundary';

/**
 * The screens. The plan list (the usual first screen) is part of the start-up code; every other screen is its own
 * chunk, loaded when first shown, so start-up does not wait for their code (the parsers, echarts, exceljs, the sync
 * codec). `preloadScreen` starts loading a screen's chunk early: boot.tsx calls it for the screen remembered from
 * the last session, so its download overlaps start-up instead of following it. See test/bench/start.bench.ts.
 * A download that fails rejects with a CodeLoadError, which App.tsx's LoadBoundary shows (never a blank window).
 */
const loaders: Record<Exclude<View, 'plans'>, () => Promise<ComponentType>> = {
  import: () => import('./features/import/ImportPage').then((m) => m.ImportPage),
  tasks: () => import('./features/tasks/TasksPage').then((m) => m.TasksPage),
  supervisor: () => import('./features/supervisor/SupervisorPage').then((m) => m.SupervisorPage),
  requests: () => import('./features/requests/RequestsPage').then((m) => m.RequestsPage),
  scoring: () => import('./features/scoring/ScoringPage').then((m) => m.ScoringPage),
  sync: () => import('./features/sync/SyncPage').then((m) => m.SyncPage),
  settings: () => import('./features/settings/SettingsPage').then((m) => m.SettingsPage),
  planEdit: () => import('./features/plans/PlanEditPage').then((m) => m.PlanEditPage),
  help: () => import('./features/help/HelpPage').then((m) => m.HelpPage),
};

const started = new Map<View, Promise<ComponentType>>();
/** The screens whose code is in. */
const loaded = new Map<View, ComponentType>([['plans', PlansPage]]);
function load(view: Exclude<View, 'plans'>): Promise<ComponentType> {
  let p = started.get(view);
  if (!p) {
    p = loadPart(view, loaders[view]).then((c) => {
      loaded.set(view, c);
      return c;
    });
    // A failed download may be retried by the next visit.
    p.catch(() => started.delete(view));
    started.set(view, p);
  }
  return p;
}

/** Start downloading a screen's code now (no-op for the plan list, which is always loaded). */
export function preloadScreen(view: View): void {
  if (view !== 'plans') void load(view).catch(() => undefined);
}

const lazyScreen = (view: Exclude<View, 'plans'>) => lazy(() => load(view).then((c) => ({ default: c })));

const LAZY_SCREENS: Record<Exclude<View, 'plans'>, ComponentType> = {
  import: lazyScreen('import'),
  tasks: lazyScreen('tasks'),
  supervisor: lazyScreen('supervisor'),
  requests: lazyScreen('requests'),
  scoring: lazyScreen('scoring'),
  sync: lazyScreen('sync'),
  settings: lazyScreen('settings'),
  planEdit: lazyScreen('planEdit'),
  help: lazyScreen('help'),
};

/**
 * The screen's component: once its code is in, the component itself (rendering it never suspends), before that a
 * lazy one (which suspends until the code is in, or throws the CodeLoadError of a failed download).
 */
export function screenComponent(view: View): ComponentType {
  return loaded.get(view) ?? LAZY_SCREENS[view as Exclude<View, 'plans'>];
}

export function isScreenLoaded(view: View): boolean {
  return loaded.has(view);
}

/** Resolves once the screen's code is in or its download failed (screenComponent then shows the failure). */
export function screenCodeSettled(view: View): Promise<void> {
  if (view === 'plans' || loaded.has(view)) return Promise.resolve();
  return load(view).then(
    () => undefined,
    () => undefined,
  );
}
