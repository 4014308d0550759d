import { Empty, Tag, Timeline, Typography } from 'antd';
import { periodLabel, type Action, type Report } from '../../../../shared/model';
import { ACTION_LABELS } from '../../../../shared/tracking/reportInput';
import { actionParties } from '../../../../shared/tracking/actionParties';
import { reportVersions } from '../../../../shared/tracking/revisions';
import { dayOfDateTime } from '../../../../shared/tracking/dates';
import { StatusTag } from '../../components/StatusTag';
import { AttachmentLink } from './AttachmentLink';

const ACTION_COLORS: Record<Action['kind'], string> = {
  confirm: 'green',
  return: 'red',
  urge: 'orange',
  'extension-request': 'blue',
  'extension-approve': 'green',
  'extension-refuse': 'red',
};

/** Every report and action on the task, newest first. */
export function TaskHistory({ reports, actions, unitNames }: { reports: readonly Report[]; actions: readonly Action[]; unitNames: Map<string, string> }) {
  // Every version of every report (a re-saved report keeps the versions it replaced), and every action.
  const versions = reports.flatMap((r) => reportVersions(r).map((v, i) => ({ stamp: v.stamp, report: { ...r, ...v, entry: v.entry }, superseded: i > 0 })));
  const entries = [...versions, ...actions.map((a) => ({ stamp: a.stamp, action: a }))].sort((a, b) => b.stamp.localeCompare(a.stamp));
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有任何进展记录" />;
  return (
    <Timeline
      data-testid="task-history"
      items={entries.slice(0, 200).map((e) => {
        if ('report' in e && e.report) {
          const r = e.report;
          return {
            key: r.id + r.stamp,
            color: e.superseded ? 'gray' : 'blue',
            content: (
              <div data-testid={e.superseded ? 'history-revision' : 'history-report'} style={e.superseded ? { color: '#8c8c8c' } : undefined}>
                <div>
                  <Typography.Text strong>{unitNames.get(r.unitId) ?? '（未知单位）'}</Typography.Text> · {periodLabel(r.period)} <StatusTag status={r.status} />
                  {r.percent !== null && <Tag>{r.percent}%</Tag>}
                  {r.entry === 'form' && <Tag data-testid="from-form">由{r.by}据填报表录入</Tag>}
                  <Typography.Text type="secondary">{dayOfDateTime(r.reportedAt)}</Typography.Text>
                  {e.superseded && <Tag style={{ marginInlineStart: 6 }}>已修改，此为原报送内容</Tag>}
                </div>
                {r.progress && <div>进展情况：{r.progress}</div>}
                {r.problems && <div>存在问题：{r.problems}</div>}
                {r.nextSteps && <div>下步计划：{r.nextSteps}</div>}
                {r.attachments.map((a) => (
                  <div key={a.sha256}>
                    <AttachmentLink attachment={a} />
                  </div>
                ))}
              </div>
            ),
          };
        }
        const a = (e as { action: Action }).action;
        const { actor, addressee } = actionParties(a, (id) => unitNames.get(id));
        return {
          key: a.id,
          color: ACTION_COLORS[a.kind],
          content: (
            <div data-testid="history-action">
              <Tag color={ACTION_COLORS[a.kind]}>{ACTION_LABELS[a.kind]}</Tag>
              <Typography.Text strong>{actor} </Typography.Text>
              {addressee && <Typography.Text type="secondary">（致{addressee}） </Typography.Text>}
              <Typography.Text type="secondary">{a.date}</Typography.Text>
              {a.newDeadline && <span>（延至 {a.newDeadline}）</span>}
              {a.text && <div>{a.text}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
