import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Plan, PlanRecords } from '../../../../shared/model';
import { describePlanDiff, diffPlan, type PlanDiff } from '../../../../shared/tracking/planDiff';
import { getDatabase } from '../../../db/database';
import { loadPlanForDiff, savePlanRecords } from '../../../db/plans';
import { useImportDraft } from '../../store/importDraft';
import { useUi } from '../../store/ui';
import { usePlanView } from '../../store/planView';
import { decisionKey, defaultDecisions, reimportRecords, type ChangeKind } from '../../../../shared/tracking/reimport';

export interface PendingReimport {
  records: PlanRecords;
  existing: Plan;
}

interface Item {
  number: string;
  detail: React.ReactNode;
  /** The stored value was set by hand: say so (the change is not ticked by default). */
  hand?: boolean;
}

const KIND_TITLES: Record<ChangeKind, string> = {
  added: '新增的任务',
  removed: '新版本中没有的任务（勾选则删除，其进展记录保留在历史中）',
  reworded: '内容有修改的任务',
  reassigned: '责任单位有调整的任务',
  deadlineChanged: '完成时限有调整的任务',
  moved: '所属部分有调整的任务',
};

function itemsOf(diff: PlanDiff): Record<ChangeKind, Item[]> {
  return {
    added: diff.added.map((t) => ({ number: t.number, detail: t.content })),
    removed: diff.removed.map((t) => ({ number: t.number, detail: t.content })),
    reworded: diff.reworded.map((t) => ({
      number: t.number,
      hand: t.hand,
      detail: (
        <>
          <div>
            <Tag>原</Tag>
            <Typography.Text delete type="secondary">
              {t.oldContent}
            </Typography.Text>
          </div>
          <div>
            <Tag color="blue">新</Tag>
            {t.newContent}
          </div>
        </>
      ),
    })),
    reassigned: diff.reassigned.map((t) => ({
      number: t.number,
      hand: t.hand,
      detail: t.changes.map((c) => (
        <div key={c.role}>
          {c.roleLabel}：{c.before.join('、') || '（无）'} → <b>{c.after.join('、') || '（无）'}</b>
        </div>
      )),
    })),
    deadlineChanged: diff.deadlineChanged.map((t) => ({ number: t.number, hand: t.hand, detail: `${t.before ?? '（无）'} → ${t.after ?? '（无）'}` })),
    moved: diff.moved.map((t) => ({ number: t.number, hand: t.hand, detail: `${t.before ?? '（无）'} → ${t.after ?? '（无）'}` })),
  };
}

/** Re-importing a revised document: show every change and let the supervisor decide, change by change. */
export function PlanDiffReview({ pending, onCancel }: { pending: PendingReimport; onCancel: () => void }) {
  const db = getDatabase();
  const { message } = App.useApp();
  const reset = useImportDraft((s) => s.reset);
  const openPlan = useUi((s) => s.openPlan);
  const go = useUi((s) => s.go);
  const planId = pending.existing.id;
  const stored = useLiveQuery(() => loadPlanForDiff(db, planId), [db, planId]);
  const diff = useMemo(() => (stored ? diffPlan(stored, pending.records) : null), [stored, pending.records]);
  const [accepted, setAccepted] = useState<Set<string> | null>(null);
  const [saving, setSaving] = useState(false);
  if (!stored || !diff) return null;
  const decisions = accepted ?? defaultDecisions(diff);
  const items = itemsOf(diff);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(decisions);
    if (on) next.add(key);
    else next.delete(key);
    setAccepted(next);
  };

  async function apply() {
    setSaving(true);
    try {
      const records = reimportRecords({ plan: pending.existing, tasks: stored!.tasks, sections: stored!.sections }, pending.records, diff!, decisions);
      await savePlanRecords(db, records);
      message.success(`已更新计划「${pending.existing.title}」：采用 ${records.tasks.length} 项变化`);
      reset();
      await usePlanView.getState().load(planId, true);
      openPlan(planId);
      go('tasks');
    } catch (e) {
      console.warn('re-import failed', e);
      message.error('更新失败，没有写入任何数据，请重试');
    } finally {
      setSaving(false);
    }
  }

  const kinds = (Object.keys(items) as ChangeKind[]).filter((k) => items[k].length > 0);
  return (
    <Card title={`这份文件是已有计划「${pending.existing.title}」的新版本`} data-testid="plan-diff">
      <Alert
        type={diff.identical ? 'success' : 'warning'}
        showIcon
        title={describePlanDiff(diff)}
        description={diff.identical ? '无需更新。' : '请逐项决定是否采用新版本的内容。没有勾选的，保留原来的内容；已填报的进展不受影响。'}
        style={{ marginBottom: 16 }}
      />
      {diff.kept.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="kept-hand-edits"
          title={`保留手工修改 ${diff.kept.length} 处（新版本文件没有改动这些内容）`}
          description={diff.kept
            .slice(0, 20)
            .map((k) => `第 ${k.number} 项：${k.what}`)
            .join('；')}
          style={{ marginBottom: 16 }}
        />
      )}
      {kinds.length > 0 && (
        <Collapse
          defaultActiveKey={kinds}
          items={kinds.map((kind) => ({
            key: kind,
            label: `${KIND_TITLES[kind]}（${items[kind].length}）`,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {items[kind].map((it) => {
                  const key = decisionKey(kind, it.number);
                  return (
                    <div key={key} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                      <Checkbox checked={decisions.has(key)} onChange={(e) => toggle(key, e.target.checked)} aria-label={`采用第${it.number}项的变化`}>
                        采用
                      </Checkbox>
                      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                        第 {it.number} 项
                      </Typography.Text>
                      <div style={{ flex: 1 }}>
                        {it.hand && (
                          <Tag color="gold" data-testid="hand-edited">
                            原值为手工修改，默认保留
                          </Tag>
                        )}
                        {it.detail}
                      </div>
                    </div>
                  );
                })}
              </Space>
            ),
          }))}
        />
      )}
      <Space style={{ marginTop: 16 }}>
        {!diff.identical && (
          <Button type="primary" loading={saving} onClick={() => void apply()}>
            按勾选更新计划
          </Button>
        )}
        <Button onClick={onCancel}>返回核对</Button>
      </Space>
    </Card>
  );
}
