import { useMemo, useState } from 'react';
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Unit } from '../../../../shared/model';
import { countByRole } from '../../../../shared/tracking/roles';
import { getDatabase } from '../../../db/database';
import { mergeUnits, renameUnit } from '../../../db/planEdit';
import type { PlanView } from '../../../db/tracking';
import { TextPrompt } from './TextPrompt';
import { useEditCommand } from './usePlanEdit';
import { compareNames } from '../../../../shared/text/compareNames';

/** The units this plan names: rename (机构改革; the old name is kept as an alias) or merge a near-duplicate into another. */
export function PlanUnitsTab({ view, readOnly }: { view: PlanView; readOnly: boolean }) {
  const db = getDatabase();
  const planId = view.plan.id;
  const { done, run } = useEditCommand();
  const [renaming, setRenaming] = useState<Unit | null>(null);
  const [merging, setMerging] = useState<Unit | null>(null);
  const rows = useMemo(() => {
    const used = new Set(view.tasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]));
    const reports = new Map<string, number>();
    for (const r of view.reports) reports.set(r.unitId, (reports.get(r.unitId) ?? 0) + 1);
    return view.units
      .filter((u) => used.has(u.id))
      .map((u) => ({ unit: u, roles: countByRole(view.tasks, u.id), reports: reports.get(u.id) ?? 0 }))
      .sort((a, b) => compareNames(a.unit.name, b.unit.name));
  }, [view]);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        单位名称在所有计划中通用：重命名后，原名称作为别名保留，之后导入的文件中出现原名称也会识别为该单位；已填报的进展不受影响。
      </Typography.Text>
      <Table
        data-testid="plan-edit-units"
        rowKey={(r) => r.unit.id}
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={rows}
        onRow={(r) => ({ 'data-unit': r.unit.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '单位名称', key: 'name', render: (_, r) => <Typography.Text strong>{r.unit.name}</Typography.Text> },
          {
            title: '别名（原名称）',
            key: 'aliases',
            render: (_, r) => (r.unit.aliases.length ? r.unit.aliases.map((a) => <Tag key={a}>{a}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: '牵头', key: 'lead', width: 70, render: (_, r) => r.roles.lead },
          { title: '配合', key: 'support', width: 70, render: (_, r) => r.roles.support },
          { title: '具体落实', key: 'implement', width: 80, render: (_, r) => r.roles.implement },
          { title: '进展记录', key: 'reports', width: 90, render: (_, r) => r.reports },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" disabled={readOnly} onClick={() => setRenaming(r.unit)} aria-label={`重命名${r.unit.name}`}>
                  重命名
                </Button>
                <Button size="small" disabled={readOnly} onClick={() => setMerging(r.unit)} aria-label={`合并${r.unit.name}`}>
                  合并到…
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <TextPrompt
        open={!!renaming}
        title={`重命名「${renaming?.name ?? ''}」`}
        label="新名称"
        initial={renaming?.name ?? ''}
        hint="例如机构改革后单位更名。所有计划中的该单位都会改用新名称，原名称保留为别名。"
        onSubmit={async (value) => {
          await renameUnit(db, planId, renaming!.id, value);
          await done(`已将「${renaming!.name}」更名为「${value.trim()}」`);
        }}
        onClose={() => setRenaming(null)}
      />
      {merging && (
        <MergeUnitDialog
          from={merging}
          candidates={rows.map((r) => r.unit).filter((u) => u.id !== merging.id)}
          onMerge={(into) => run(() => mergeUnits(db, planId, merging.id, into.id), `已将「${merging.name}」合并到「${into.name}」`)}
          onClose={() => setMerging(null)}
        />
      )}
    </Space>
  );
}

function MergeUnitDialog({ from, candidates, onMerge, onClose }: { from: Unit; candidates: Unit[]; onMerge: (into: Unit) => Promise<boolean>; onClose: () => void }) {
  const [into, setInto] = useState<string | undefined>(undefined);
  const target = candidates.find((u) => u.id === into);
  return (
    <Modal
      open
      title={`把「${from.name}」合并到另一个单位`}
      okText="合并"
      cancelText="取消"
      okButtonProps={{ disabled: !target, danger: true }}
      onOk={async () => {
        if (await onMerge(target!)) onClose();
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph>适用于同一单位的简称、错字或别名（例如“市卫健局”与“市卫生健康局”）。合并后：</Typography.Paragraph>
      <ul>
        <li>任务中的「{from.name}」都改为所选单位（原为牵头的仍为牵头）；</li>
        <li>「{from.name}」成为所选单位的别名，以后导入的文件中出现它也会识别为所选单位；</li>
        <li>以「{from.name}」名义填报的进展保留，显示为所选单位的进展。</li>
      </ul>
      <Select
        aria-label="合并到"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择保留的单位"
        value={into}
        onChange={setInto}
        options={candidates.map((u) => ({ value: u.id, label: u.name }))}
        style={{ width: '100%' }}
      />
      {target && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`「${from.name}」将并入「${target.name}」，此操作会同步到其他单位`} />}
    </Modal>
  );
}
