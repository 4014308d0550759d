import { useMemo, useState } from 'react';
import { Card, Empty, Segmented, Tag, Typography } from 'antd';
import { countTodos, departmentTodos, TODO_KINDS, TODO_LABELS, type TodoKind } from '../../../../shared/tracking/todos';
import type { PlanView } from '../../../db/tracking';
import type { Derived } from '../../store/planView';
import { useUi } from '../../store/ui';

/** The list's fixed height (three entries; more scroll), so the task table below keeps a known height. */
export const TODO_BODY_HEIGHT = 96;
/** The whole card's height with its header, and the gap below it. */
export const TODO_CARD_HEIGHT = TODO_BODY_HEIGHT + 41 + 12;

const KIND_COLORS: Record<TodoKind, string> = { due: 'blue', returned: 'red', urged: 'orange', extension: 'purple' };

/** 本单位待办: what the office has to do now (本期待报, 被退回, 被催办, 延期答复); a click opens the task. */
export function DepartmentTodo({ data, derived, unitId, unitName, today }: { data: PlanView; derived: Derived; unitId: string; unitName: string; today: string }) {
  const openTask = useUi((s) => s.openTask);
  const items = useMemo(
    () => departmentTodos({ plan: data.plan, tasks: data.tasks, reportsByTask: derived.reportsByTask, actionsByTask: derived.actionsByTask, unitId, today }),
    [data, derived, unitId, today],
  );
  const counts = countTodos(items);
  const firstKind = (['returned', 'urged', 'due', 'extension'] as const).find((k) => counts[k] > 0) ?? 'due';
  const [chosen, setChosen] = useState<TodoKind | null>(null);
  const kind = chosen ?? firstKind;
  const shown = items.filter((i) => i.kind === kind);

  return (
    <Card
      size="small"
      data-testid="department-todo"
      title={
        <span>
          本单位待办 <Typography.Text type="secondary">（{unitName}）</Typography.Text>
        </span>
      }
      extra={
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setChosen(v as TodoKind)}
          options={TODO_KINDS.map((k) => ({ value: k, label: <span data-testid={`todo-tab-${k}`} data-count={counts[k]}>{`${TODO_LABELS[k]} ${counts[k]}`}</span> }))}
        />
      }
      styles={{ body: { padding: '4px 12px', height: TODO_BODY_HEIGHT, overflowY: 'auto' } }}
    >
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有${TODO_LABELS[kind]}的任务`} style={{ margin: '4px 0' }} />
      ) : (
        shown.map((item) => (
          <div
            key={`${item.kind}:${item.task.id}`}
            data-testid="todo-item"
            data-kind={item.kind}
            onClick={() => openTask(item.task.id)}
            className="todo-item"
            style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '4px 0', borderBottom: '1px dashed #f0f0f0', cursor: 'pointer' }}
          >
            <Tag color={item.urgent ? 'red' : KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
              {TODO_LABELS[item.kind]}
            </Tag>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              第 {item.task.number} 项
            </Typography.Text>
            <Typography.Text ellipsis style={{ flex: '1 1 0', minWidth: 0 }} title={item.task.content}>
              {item.task.content}
            </Typography.Text>
            <Typography.Text type={item.urgent ? 'danger' : 'secondary'} style={{ flex: '0 1 auto', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '45%' }} title={item.text}>
              {item.text}
            </Typography.Text>
          </div>
        ))
      )}
    </Card>
  );
}
