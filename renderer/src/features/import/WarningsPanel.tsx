import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import type { WarningCode } from '../../../../shared/parser/types';
import { useImportDraft } from '../../store/importDraft';
import { rowsOfWarning } from '../../../../shared/tracking/importDraft';
import { pendingReviewCount, unacceptedNoLeadRows } from '../../../../shared/tracking/reviewChecks';

const CODE_LABELS: Record<WarningCode, string> = {
  'numbering-gap': '序号不连续',
  'section-from-body': '分组取自正文',
  'content-mismatch': '与正文不一致',
  'department-alias': '单位名称不统一',
  'no-assignments': '未找到分工',
  'duplicate-number': '序号重复',
  'note-partly-read': '分工未完全识别',
  'cut-off': '原文不完整',
  reader: '读取提示',
};

/** The parser's warnings beside the table; each links to its rows, alias warnings offer a merge. */
export function WarningsPanel() {
  const warnings = useImportDraft((s) => s.warnings);
  const rows = useImportDraft((s) => s.rows);
  const resolved = useImportDraft((s) => s.resolved);
  const active = useImportDraft((s) => s.activeWarning);
  const focus = useImportDraft((s) => s.focus);
  const mergeUnit = useImportDraft((s) => s.mergeUnit);
  const resolveWarning = useImportDraft((s) => s.resolveWarning);
  const acceptedNoLead = useImportDraft((s) => s.acceptedNoLead);
  const acceptNoLead = useImportDraft((s) => s.acceptNoLead);
  const noLead = unacceptedNoLeadRows(rows, acceptedNoLead);
  const pending = pendingReviewCount({ warnings: warnings.length, resolved: resolved.size, rows, acceptedNoLead });

  return (
    <Card title={`需要核对的地方（${pending}）`} size="small" data-testid="import-warnings" styles={{ body: { maxHeight: 'calc(100vh - 372px)', overflow: 'auto' } }}>
      {warnings.length === 0 && noLead.length === 0 && <Empty description="没有发现可疑之处，请抽查几项任务后保存" />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {noLead.length > 0 && (
          <div data-testid="no-lead-check" style={{ padding: 10, borderRadius: 6, border: '1px solid #ffd591', background: '#fff7e6' }}>
            <Tag color="orange">未明确牵头单位</Tag>
            <Typography.Paragraph style={{ margin: '6px 0' }}>
              {noLead.length} 项任务没有牵头单位，保存后没有单位对其负责。请在“牵头单位”中填写；确实没有的，确认后将列为“未明确牵头单位”。
            </Typography.Paragraph>
            <Space size={4} wrap>
              {noLead.slice(0, 30).map((r) => (
                <Button key={r.key} size="small" onClick={() => focus(r.key)}>
                  第 {r.number} 项
                </Button>
              ))}
              {noLead.length > 30 && <Typography.Text type="secondary">等 {noLead.length} 项</Typography.Text>}
            </Space>
            <div style={{ marginTop: 6 }}>
              <Button size="small" type="dashed" onClick={() => acceptNoLead(noLead.map((r) => r.key))}>
                已核对：这些任务暂无牵头单位
              </Button>
            </div>
          </div>
        )}
        {warnings.map((w, i) => {
          const keys = rowsOfWarning(rows, w);
          const done = resolved.has(i);
          const names = w.names ?? [];
          return (
            <div
              key={i}
              data-testid="import-warning"
              style={{
                padding: 10,
                borderRadius: 6,
                border: `1px solid ${active === i ? '#b71c1c' : '#f0f0f0'}`,
                background: done ? '#f6ffed' : active === i ? '#fff1f0' : '#fffbe6',
              }}
            >
              <Space size={4} wrap>
                <Tag color={done ? 'green' : 'orange'}>{done ? '已核对' : CODE_LABELS[w.code]}</Tag>
              </Space>
              <Typography.Paragraph style={{ margin: '6px 0' }}>{w.message}</Typography.Paragraph>
              {w.near && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '0 0 6px' }}>
                  原文：{w.near}
                </Typography.Paragraph>
              )}
              {keys.length > 0 && (
                <Space size={4} wrap>
                  <Typography.Text type="secondary">涉及任务：</Typography.Text>
                  {keys.slice(0, 30).map((k) => (
                    <Button key={k} size="small" onClick={() => focus(k, i)}>
                      第 {rows.find((r) => r.key === k)?.number} 项
                    </Button>
                  ))}
                </Space>
              )}
              {!done && (
                <div style={{ marginTop: 6 }}>
                  <Button size="small" onClick={() => resolveWarning(i)} data-testid="mark-checked">
                    {w.code === 'department-alias' ? '已核对，不合并' : '标记为已核对'}
                  </Button>
                </div>
              )}
              {w.code === 'department-alias' && names.length > 1 && !done && (
                <Space size={4} wrap style={{ marginTop: 6 }}>
                  {names.map((target) => (
                    <Button
                      key={target}
                      size="small"
                      type="dashed"
                      onClick={() => {
                        for (const other of names) if (other !== target) mergeUnit(other, target, i);
                      }}
                    >
                      统一为「{target}」
                    </Button>
                  ))}
                </Space>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
