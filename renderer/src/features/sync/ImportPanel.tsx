import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd';
import type { PickedFile } from '../../../../shared/platform/bridge';
import { SNAPSHOT_EXTENSION, TABLE_LABELS } from '../../../../shared/sync';
import { getDatabase } from '../../../db/database';
import { applyImport, previewImport, type FilePreview, type FlaggedRecord } from '../../../db/sync';
import { getPlatform } from '../../../platform';
import { usePendingSyncFiles } from './pendingFiles';

interface Choice {
  includeFarFuture: boolean;
  includeUnauthorized: boolean;
}

function FlaggedTable({ rows }: { rows: FlaggedRecord[] }) {
  return (
    <Table
      size="small"
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      rowKey={(r) => `${r.table}-${r.id}`}
      dataSource={rows}
      columns={[
        { title: '类型', dataIndex: 'table', width: 90, render: (t: FlaggedRecord['table']) => TABLE_LABELS[t] },
        { title: '修改单位', dataIndex: 'by', width: 160 },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

/** Import one or many snapshot files: validate and preview each, then apply the accepted ones together. */
export function ImportPanel() {
  const { message } = App.useApp();
  const [previews, setPreviews] = useState<FilePreview[]>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const pending = usePendingSyncFiles((s) => s.files);
  const take = usePendingSyncFiles((s) => s.take);

  async function preview(files: PickedFile[]) {
    if (files.length === 0) return;
    setBusy(true);
    try {
      setPreviews(await previewImport(getDatabase(), files));
      setChoices({});
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (pending.length) void preview(take());
  }, [pending, take]);

  async function pick() {
    const files = await getPlatform().openFiles({
      title: '选择同步文件',
      filters: [{ name: '任务分解台账同步文件', extensions: [SNAPSHOT_EXTENSION] }],
      multiple: true,
    });
    await preview(files);
  }

  const accepted = previews.filter((p): p is Extract<FilePreview, { ok: true }> => p.ok);

  async function apply() {
    setBusy(true);
    try {
      const app = await getPlatform().appInfo();
      const result = await applyImport(
        getDatabase(),
        accepted.map((preview) => ({ preview, choice: choices[preview.name] ?? { includeFarFuture: false, includeUnauthorized: false } })),
        { backups: getPlatform().backups, appVersion: app.version },
      );
      message.success(`导入完成：写入 ${result.written} 条记录，新增冲突 ${result.conflicts} 条${result.backupName ? '（导入前已自动备份）' : ''}`);
      setPreviews([]);
    } catch (e) {
      message.error(`导入失败，没有写入任何数据：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const setChoice = (name: string, patch: Partial<Choice>) =>
    setChoices((c) => ({ ...c, [name]: { includeFarFuture: false, includeUnauthorized: false, ...c[name], ...patch } }));

  return (
    <Card title="导入同步文件" extra={<Typography.Text type="secondary">可一次选择多个文件</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={pick} loading={busy}>
          选择同步文件…
        </Button>
        {previews.map((p) =>
          p.ok ? (
            <Card key={p.name} size="small" data-testid="import-preview" title={p.name} extra={p.seenBefore && <Tag>已导入过</Tag>}>
              <Typography.Paragraph data-testid="preview-sentence" style={{ marginBottom: 8 }}>
                {p.sentence}
              </Typography.Paragraph>
              {p.farFuture.length > 0 && (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Alert type="warning" showIcon title={`${p.farFuture.length} 条记录的修改时间比本机时钟超前 24 小时以上（对方电脑时钟可能不准），默认不应用`} />
                  <FlaggedTable rows={p.farFuture} />
                  <Checkbox checked={choices[p.name]?.includeFarFuture ?? false} onChange={(e) => setChoice(p.name, { includeFarFuture: e.target.checked })}>
                    仍然应用这些时间超前的记录
                  </Checkbox>
                </Space>
              )}
              {p.unauthorized.length > 0 && (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Alert type="warning" showIcon title={`${p.unauthorized.length} 条记录超出修改权限（进展只能由本单位填报，计划结构只能由发布计划的督办单位修改），默认不应用`} />
                  <FlaggedTable rows={p.unauthorized} />
                  <Checkbox checked={choices[p.name]?.includeUnauthorized ?? false} onChange={(e) => setChoice(p.name, { includeUnauthorized: e.target.checked })}>
                    仍然应用这些越权修改
                  </Checkbox>
                </Space>
              )}
            </Card>
          ) : (
            <Alert key={p.name} type="error" showIcon role="alert" data-testid="import-refused" title={`${p.name}：已拒绝导入`} description={p.error} />
          ),
        )}
        {previews.length > 0 && (
          <Space>
            <Button type="primary" onClick={apply} loading={busy} disabled={accepted.length === 0}>
              {`应用导入（${accepted.length} 个文件）`}
            </Button>
            <Button onClick={() => setPreviews([])} disabled={busy}>
              取消
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
