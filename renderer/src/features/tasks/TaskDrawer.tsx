import { useRef } from 'react';
import { Card, Descriptions, Drawer, Space, Spin, Tag, Typography } from 'antd';
import { ROLE_LABELS, rolesOf } from '../../../../shared/tracking/roles';
import { mayRequestExtension } from '../../../../shared/tracking/reporting';
import { deadlineExtension } from '../../../../shared/tracking/standing';
import { periodLabel } from '../../../../shared/model';
import { LightDot } from '../../components/LightDot';
import { StatusTag } from '../../components/StatusTag';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';
import { ReportForm } from './ReportForm';
import { ExtensionRequest, SupervisorActions } from './ActionForms';
import { TaskHistory } from './TaskHistory';
import { TaskTargets } from '../targets/TaskTargets';
import { TaskEditButton } from '../plans/TaskEditButton';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../../../db/database';
import { planGates } from '../../../db/authorize';
import { loadTaskReports } from '../../../db/tracking';

/** One task: what it is, why its light, this office's report for the period, supervisor actions, full history. */
export function TaskDrawer() {
  const taskId = useUi((s) => s.openTaskId);
  const openTask = useUi((s) => s.openTask);
  const { data, derived, identity, ownUnitId } = usePlanData();
  const task = taskId && data ? data.tasks.find((t) => t.id === taskId) : undefined;
  const standing = task && derived ? derived.standings.get(task.id) : undefined;
  // The authority policy decides whether the supervisor actions show (the same rule every PC applies).
  const planId = data?.plan.id;
  const gates = useLiveQuery(() => (planId ? planGates(getDatabase(), identity ?? null, planId) : undefined), [planId, identity]);
  // The screens hold report heads; the history and the report form read this task's reports in full.
  const reports = useLiveQuery(() => (task ? loadTaskReports(getDatabase(), task.id) : undefined), [task?.id]);
  // Opened, the drawer takes the focus (Esc then closes it, Tab walks its fields), however it was opened: the click on
  // a task row leaves the focus in the table behind otherwise. Closed, the focus goes back where it was.
  const bodyRef = useRef<HTMLDivElement>(null);

  let body: React.ReactNode = task ? <Spin description="正在读取进展…" style={{ display: 'block', marginTop: 64 }} /> : null;
  if (task && standing && derived && data && reports) {
    const names = (ids: readonly string[]) => ids.map((id) => derived.unitNames.get(id) ?? '？');
    const unitTags = (ids: readonly string[]) =>
      ids.length ? (
        names(ids).map((n, i) => (
          <Tag key={n} color={ids[i] === ownUnitId ? 'gold' : undefined}>
            {n}
          </Tag>
        ))
      ) : (
        <Typography.Text type="secondary">（无）</Typography.Text>
      );
    const actions = derived.actionsByTask.get(task.id) ?? [];
    const myRoles = ownUnitId ? rolesOf(task, ownUnitId) : [];
    const ownName = ownUnitId ? (derived.unitNames.get(ownUnitId) ?? identity?.office ?? '') : '';
    const responsibleUnits = [...new Set([...task.lead, ...task.support, ...task.implement])].map((id) => ({ id, name: derived.unitNames.get(id) ?? '？' }));
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 110 } }}
          items={[
            { key: 'content', label: '具体内容', children: task.content },
            { key: 'section', label: '所属部分', children: (task.sectionId && derived.sectionPaths.get(task.sectionId)) || '（无）' },
            { key: 'lead', label: '牵头', children: unitTags(task.lead) },
            { key: 'support', label: '配合', children: unitTags(task.support) },
            { key: 'implement', label: '具体落实', children: unitTags(task.implement) },
            {
              key: 'deadline',
              label: '完成时限',
              children: (
                <>
                  {standing.effectiveDeadline ?? '未明确日期'}
                  {task.deadline?.text && (
                    <Typography.Text type="secondary">
                      {deadlineExtension(task, standing.effectiveDeadline) ? `（已批准延期，原为：${task.deadline.text}）` : `（原文：${task.deadline.text}）`}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            ...(task.targets?.length || identity?.role === 'supervisor' ? [{ key: 'targets', label: '量化指标', children: <TaskTargets task={task} standing={standing} /> }] : []),
            {
              key: 'status',
              label: '状态',
              children: (
                <Space>
                  <StatusTag status={standing.status} confirmed={standing.confirmed} />
                  {standing.lastReportDate && <Typography.Text type="secondary">最近报送 {standing.lastReportDate}</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'light',
              label: '灯',
              children: (
                <div data-testid="light-reasons">
                  {standing.reasons.map((r) => (
                    <div key={r}>· {r}</div>
                  ))}
                </div>
              ),
            },
          ]}
        />
        {ownUnitId && myRoles.length > 0 && !data.plan.archived && (
          <Card
            size="small"
            title={
              <Space>
                填报本单位进展
                <Tag color="gold">
                  {ownName}（{myRoles.map((r) => ROLE_LABELS[r]).join('、')}）
                </Tag>
              </Space>
            }
          >
            <ReportForm
              task={task}
              unitId={ownUnitId}
              unitName={ownName}
              currentPeriod={standing.currentPeriod ?? ''}
              reports={reports.filter((r) => r.unitId === ownUnitId)}
              actions={actions}
            />
            {standing.effectiveDeadline && mayRequestExtension(task, ownUnitId) && (
              <details style={{ marginTop: 16 }}>
                <summary style={{ cursor: 'pointer', color: '#1677ff' }}>需要延期？</summary>
                <div style={{ marginTop: 8 }}>
                  <ExtensionRequest task={task} unitId={ownUnitId} standing={standing} />
                </div>
              </details>
            )}
          </Card>
        )}
        {gates && gates.supervise === null && !data.plan.archived && (
          <Card size="small" title="督办操作">
            <SupervisorActions key={task.id} task={task} standing={standing} units={responsibleUnits} />
          </Card>
        )}
        <Card size="small" title={`进展记录（${reports.reduce((n, r) => n + 1 + (r.revisions?.length ?? 0), 0) + actions.length}）`}>
          <TaskHistory reports={reports} actions={actions} unitNames={derived.unitNames} />
        </Card>
      </Space>
    );
  }

  return (
    <Drawer
      open={!!task}
      onClose={() => openTask(null)}
      afterOpenChange={(open) => {
        if (open && !bodyRef.current?.contains(document.activeElement)) bodyRef.current?.focus({ preventScroll: true });
      }}
      size={760}
      destroyOnHidden
      extra={task && <TaskEditButton task={task} />}
      title={
        task && standing ? (
          <Space>
            <span>第 {task.number} 项任务</span>
            <LightDot standing={standing} />
            <StatusTag status={standing.status} confirmed={standing.confirmed} />
            {standing.currentPeriod && <Typography.Text type="secondary">本期：{periodLabel(standing.currentPeriod)}</Typography.Text>}
          </Space>
        ) : task ? (
          `第 ${task.number} 项任务`
        ) : (
          ''
        )
      }
    >
      <div ref={bodyRef} tabIndex={-1} style={{ outline: 'none' }} data-testid="task-drawer-body">
        {body}
      </div>
    </Drawer>
  );
}
