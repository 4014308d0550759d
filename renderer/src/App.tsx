import { lazy, memo, Suspense, useEffect, useState } from 'react';
import { Alert, Layout, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useUi, type View } from './store/ui';
import { ROLE_SHORT, useIdentity } from './store/identity';
import { getDatabase } from '../db/database';
import { listPlans, resolveCurrentPlan } from '../db/planReads';
import { isScreenLoaded, screenCodeSettled, screenComponent } from './screens';
import { useWindowFileDrop } from './features/import/useWindowFileDrop';
import { LoadBoundary, loadPart, ScreenLoading } from './LoadBoundary';
import { forgetStartData, startValue } from './store/startData';

// The plan picker (antd Select) loads after the first paint, in a box of its width (280 px).
const PlanPicker = lazy(() => loadPart('PlanPicker', () => import('./features/plans/PlanPicker')).then((m) => ({ default: m.PlanPicker })));

// Asked only on a PC whose office is not set yet: its code is loaded then.
const FirstRunDialog = lazy(() => loadPart('FirstRunDialog', () => import('./features/identity/FirstRunDialog')).then((m) => ({ default: m.FirstRunDialog })));

/** Screens; `menu: false` ones are reached from another screen (and light up that screen's menu item). */
const SCREENS: Record<View, { label: string; menu?: View }> = {
  plans: { label: '计划' },
  import: { label: '导入文件' },
  tasks: { label: '任务台账' },
  supervisor: { label: '督办视图' },
  requests: { label: '诉求事项' },
  scoring: { label: '考核' },
  sync: { label: '文件同步' },
  settings: { label: '设置' },
  help: { label: '帮助' },
  planEdit: { label: '计划维护', menu: 'plans' },
};

const MENU_ITEMS = Object.entries(SCREENS)
  .filter(([, s]) => !s.menu)
  .map(([key, s]) => ({ key, label: s.label }));

/**
 * The screens' menu, in the header: a menubar of buttons (a plain nav: antd's Menu measured and restyled itself on
 * every start, and its stylesheet was a third of the first screen's). Left/Right, Home/End move between the items (one
 * tab stop: the current screen's), Enter or Space opens one. Re-rendered only when the screen changes.
 */
const MainMenu = memo(function MainMenu({ view, go }: { view: View; go: (view: View) => void }) {
  // (Items narrow before the bar scrolls: a window of 1,366 px holds them all beside the plan picker.)
  const selected = SCREENS[view].menu ?? view;
  const move = (e: React.KeyboardEvent<HTMLElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    items[(to + items.length) % items.length]!.focus();
  };
  return (
    <nav role="menubar" aria-label="主菜单" className="main-menu" onKeyDown={move}>
      {MENU_ITEMS.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          aria-current={item.key === selected ? 'page' : undefined}
          tabIndex={item.key === selected ? 0 : -1}
          // (Labels are Chinese: one em a character.)
          style={{ flexBasis: `calc(${item.label.length}em + 40px)`, minWidth: `calc(${item.label.length}em + 12px)` }}
          onClick={() => go(item.key as View)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
});

/** How long the previous screen stays while the next one's code downloads, before a spinner replaces it. */
const SPINNER_AFTER_MS = 400;

/**
 * The current screen: re-rendered by its own state, not by the header's (plan list, identity). A screen whose code
 * is not in yet: the previous screen stays until it is (the menu already shows the new one), and only a slow
 * download shows a spinner. Showing the spinner at once would also hold the new screen back: React keeps a
 * Suspense fallback on screen for at least 300 ms once shown, however soon the code arrives. A screen whose code
 * does not load, or that fails, shows why and 重新加载 (LoadBoundary), in place of the screen only: the menu stays.
 */
const ScreenArea = memo(function ScreenArea({ view }: { view: View }) {
  const [shown, setShown] = useState(view);
  const ready = isScreenLoaded(view);
  const display = ready ? view : shown;
  useEffect(() => {
    if (shown === view) return;
    if (ready) return setShown(view);
    let live = true;
    const show = () => {
      if (live) setShown(view);
    };
    const timer = setTimeout(show, SPINNER_AFTER_MS);
    void screenCodeSettled(view).then(show);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [view, shown, ready]);
  const Screen = screenComponent(display);
  return (
    <LoadBoundary key={display}>
      <Suspense fallback={<ScreenLoading />}>
        <Screen />
      </Suspense>
    </LoadBoundary>
  );
});

/**
 * Keeps the current plan valid: the newest plan when none is chosen or the chosen one is gone. The live list may lag
 * behind a save (a plan just imported is not in it yet), so a plan missing from the list is looked up before it is
 * replaced.
 */
function usePlanSelection() {
  const db = getDatabase();
  const plans = useLiveQuery(() => listPlans(db), [db], startValue('plans'));
  const planId = useUi((s) => s.planId);
  const openPlan = useUi((s) => s.openPlan);
  useEffect(() => {
    if (!plans || (planId && plans.some((p) => p.id === planId))) return;
    let cancelled = false;
    void resolveCurrentPlan(db, planId).then((id) => {
      if (!cancelled && useUi.getState().planId === planId && id !== planId) openPlan(id);
    });
    return () => {
      cancelled = true;
    };
  }, [db, plans, planId, openPlan]);
  return plans;
}

/** Runs `fn` once the first screen is on the screen: after the frame that paints the first commit, and the next. */
function afterFirstPaint(fn: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 0)));
}

/**
 * Start-up work the first screen does not wait for, run once it is painted (its code loads then): this PC's keys
 * (openInstallation, for a PC set up before keys existed; exports and imports make them themselves too), the clock
 * of "today", the sync feature's start, the import review kept from the last session (afterFirstPaint.ts).
 */
let restStarted = false;
function startTheRest(loadIdentity: () => Promise<void>): void {
  // Once per window (StrictMode runs a development build's effects twice).
  if (restStarted) return;
  restStarted = true;
  void loadIdentity();
  void import('./afterFirstPaint')
    .then((m) => m.startAfterFirstPaint())
    .catch((e: unknown) => console.error('start-up after the first screen failed', e));
}

/** A department PC opens on its tasks and to-do list (once per start, when it would show the plan list). planCount -1: not read yet. */
let startHandled = false;
function useDepartmentStart(role: string | undefined, planCount: number) {
  useEffect(() => {
    if (startHandled || role === undefined || planCount < 0) return;
    if (role === 'department' && planCount > 0 && useUi.getState().view === 'plans') useUi.getState().go('tasks');
    startHandled = true;
  }, [role, planCount]);
}

export function App() {
  const view = useUi((s) => s.view);
  const go = useUi((s) => s.go);
  const planId = useUi((s) => s.planId);
  const openPlan = useUi((s) => s.openPlan);
  const identity = useIdentity((s) => s.identity);
  const loadIdentity = useIdentity((s) => s.load);
  const plans = usePlanSelection();
  const archived = plans?.find((p) => p.id === planId && p.archived);
  useWindowFileDrop();
  useEffect(() => {
    // The first render is committed: from now on the screens read the database themselves.
    forgetStartData();
    afterFirstPaint(() => startTheRest(loadIdentity));
  }, [loadIdentity]);
  useDepartmentStart(identity?.role, plans === undefined ? -1 : plans.length);

  return (
    <Layout style={{ minHeight: '100%' }}>
      {/* Gaps, padding, the title's size and the picker's width narrow in a narrow window (global.css .app-header). */}
      <Layout.Header className="app-header" style={{ display: 'flex', alignItems: 'center', background: '#b71c1c' }}>
        <Typography.Title level={3} className="app-title" style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          任务分解台账
        </Typography.Title>
        <MainMenu view={view} go={go} />
        {plans && plans.length > 1 && (
          <LoadBoundary compact>
            <Suspense fallback={<div className="plan-picker" style={{ flex: 'none' }} />}>
              <PlanPicker plans={plans} planId={planId} onChange={openPlan} />
            </Suspense>
          </LoadBoundary>
        )}
        {identity && (
          <Tag color="gold" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid="identity-tag">
            <span className="identity-prefix">本机：</span>
            {identity.office}（{ROLE_SHORT[identity.role]}）
          </Tag>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {archived && (view === 'tasks' || view === 'supervisor') && (
          <Alert type="info" showIcon data-testid="archived-banner" style={{ marginBottom: 12 }} title={`计划「${archived.title}」已归档：只能查看和导出，不能再填报、督办或修改。`} />
        )}
        <ScreenArea view={view} />
      </Layout.Content>
      {identity === null && (
        <LoadBoundary>
          <Suspense fallback={null}>
            <FirstRunDialog />
          </Suspense>
        </LoadBoundary>
      )}
    </Layout>
  );
}
