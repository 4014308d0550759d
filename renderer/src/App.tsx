import { useEffect } from 'react';
import { Alert, Layout, Menu, Select, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useUi, type View } from './store/ui';
import { ROLE_SHORT, useIdentity } from './store/identity';
import { getDatabase } from '../db/database';
import { listPlans, resolveCurrentPlan } from '../db/plans';
import { PlansPage } from './features/plans/PlansPage';
import { ImportPage } from './features/import/ImportPage';
import { TasksPage } from './features/tasks/TasksPage';
import { SupervisorPage } from './features/supervisor/SupervisorPage';
import { RequestsPage } from './features/requests/RequestsPage';
import { ScoringPage } from './features/scoring/ScoringPage';
import { SyncPage } from './features/sync/SyncPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { PlanEditPage } from './features/plans/PlanEditPage';
import { HelpPage } from './features/help/HelpPage';
import { FirstRunDialog } from './features/identity/FirstRunDialog';
import { useWindowFileDrop } from './features/import/useWindowFileDrop';

/** Screens; `menu: false` ones are reached from another screen (and light up that screen's menu item). */
const SCREENS: Record<View, { label: string; render: () => React.ReactNode; menu?: View }> = {
  plans: { label: '计划', render: () => <PlansPage /> },
  import: { label: '导入文件', render: () => <ImportPage /> },
  tasks: { label: '任务台账', render: () => <TasksPage /> },
  supervisor: { label: '督办视图', render: () => <SupervisorPage /> },
  requests: { label: '诉求事项', render: () => <RequestsPage /> },
  scoring: { label: '考核', render: () => <ScoringPage /> },
  sync: { label: '文件同步', render: () => <SyncPage /> },
  settings: { label: '设置', render: () => <SettingsPage /> },
  help: { label: '帮助', render: () => <HelpPage /> },
  planEdit: { label: '计划维护', render: () => <PlanEditPage />, menu: 'plans' },
};

/**
 * Keeps the current plan valid: the newest plan when none is chosen or the chosen one is gone. The live list may lag
 * behind a save (a plan just imported is not in it yet), so a plan missing from the list is looked up before it is
 * replaced.
 */
function usePlanSelection() {
  const db = getDatabase();
  const plans = useLiveQuery(() => listPlans(db), [db]);
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
    void loadIdentity();
  }, [loadIdentity]);
  useDepartmentStart(identity?.role, plans === undefined ? -1 : plans.length);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#b71c1c', paddingInline: 24 }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          任务分解台账
        </Typography.Title>
        <Menu
          mode="horizontal"
          theme="dark"
          selectedKeys={[SCREENS[view].menu ?? view]}
          onClick={(e) => go(e.key as View)}
          items={Object.entries(SCREENS)
            .filter(([, s]) => !s.menu)
            .map(([key, s]) => ({ key, label: s.label }))}
          style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 'none' }}
        />
        {plans && plans.length > 1 && (
          <Select
            aria-label="当前计划"
            value={planId ?? undefined}
            onChange={(v: string) => openPlan(v)}
            options={plans.map((p) => ({ value: p.id, label: p.archived ? `${p.title}（已归档）` : p.title }))}
            style={{ width: 280 }}
            popupMatchSelectWidth={false}
          />
        )}
        {identity && (
          <Tag color="gold" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid="identity-tag">
            本机：{identity.office}（{ROLE_SHORT[identity.role]}）
          </Tag>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {archived && (view === 'tasks' || view === 'supervisor') && (
          <Alert type="info" showIcon data-testid="archived-banner" style={{ marginBottom: 12 }} title={`计划「${archived.title}」已归档：只能查看和导出，不能再填报、督办或修改。`} />
        )}
        {SCREENS[view].render()}
      </Layout.Content>
      <FirstRunDialog />
    </Layout>
  );
}
