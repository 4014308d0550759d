import { useEffect, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Checkbox, Progress, Space, Table, Tag, Typography } from 'antd';
import { SNAPSHOT_EXTENSION, TABLE_LABELS } from '../../../../shared/sync';
import type { FilePreview, FlaggedRecord, ImportProgress, OkPreview } from '../../../db/sync';
import { getPlatform } from '../../../platform';
import { usePendingSyncFiles } from './pendingFiles';
import { useSyncImport } from './importStore';

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

const PHASE_LABELS: Record<ImportProgress['phase'], string> = { check: '正在检查', backup: '正在备份本机数据', apply: '正在导入' };

/** "正在检查第 3/30 个文件（xx.tzsync）· 已读 12,000 / 199,000 条记录". */
function progressText(p: ImportProgress): string {
  if (p.phase === 'backup') return `${PHASE_LABELS.backup}（导入前自动备份）…`;
  const verb = p.phase === 'check' ? '已读' : '已处理';
  return `${PHASE_LABELS[p.phase]}第 ${p.file}/${p.files} 个文件（${p.name}）· ${verb} ${p.records.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 条记录`;
}

function PreviewRow({ p, choice, onChoice }: { p: OkPreview; choice: boolean; onChoice: (v: boolean) => void }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      {p.unauthorized.length > 0 && (
        <>
          <Alert type="warning" showIcon title={`${p.unauthorized.length} 条记录超出修改权限（进展只能由本单位填报，计划结构只能由发布计划的督办单位修改），默认不应用，保留在“未采用”列表中`} />
          <FlaggedTable rows={p.unauthorized} />
          <Checkbox checked={choice} onChange={(e) => onChoice(e.target.checked)}>
            仍然应用这些越权修改
          </Checkbox>
        </>
      )}
      {p.refused.length > p.unauthorized.length && <FlaggedTable rows={p.refused.filter((r) => !p.unauthorized.some((u) => u.id === r.id && u.table === r.table))} />}
      {p.farFuture.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`${p.farFuture.length} 条记录的修改时间比本机时钟晚 24 小时以上：照常应用（各单位数据保持一致），请核对对方和本机的时钟`}
        />
      )}
    </Space>
  );
}

/** Import one or many snapshot files: check each (progress, cancel), preview, then apply file by file. */
export function ImportPanel() {
  const { message } = App.useApp();
  const { previews, includeUnauthorized, phase, progress, notice } = useSyncImport();
  const { check, apply, cancel, clear, setIncludeUnauthorized, takeNotice } = useSyncImport.getState();
  const pending = usePendingSyncFiles((s) => s.files);
  const take = usePendingSyncFiles((s) => s.take);

  useEffect(() => {
    if (pending.length && phase === 'idle') void check(take());
  }, [pending, take, phase, check]);

  useEffect(() => {
    const n = notice && takeNotice();
    if (n) message[n.type](n.text);
  }, [notice, takeNotice, message]);

  async function pick() {
    const platform = getPlatform();
    const request = { title: '选择同步文件', filters: [{ name: '任务分解台账同步文件', extensions: [SNAPSHOT_EXTENSION] }], multiple: true };
    let files;
    try {
      files = platform.openFileSources ? await platform.openFileSources(request) : await platform.openFiles(request);
    } catch (e) {
      // The desktop shell refuses files it cannot hand over (too large, unreadable) with a Chinese reason.
      message.error(e instanceof Error ? e.message : '无法打开所选文件');
      return;
    }
    await check(files);
  }

  const accepted = previews.filter((p): p is OkPreview => p.ok);
  const refusedFiles = previews.filter((p): p is Extract<FilePreview, { ok: false }> => !p.ok);
  const busy = phase !== 'idle';
  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.records / progress.total) * 100)) : 0;

  return (
    <Card title="导入同步文件" extra={<Typography.Text type="secondary">可一次选择多个文件</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={pick} loading={phase === 'checking'} disabled={busy}>
          选择同步文件…
        </Button>
        {busy && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
            <Typography.Text data-testid="import-progress-text">{progress ? progressText(progress) : phase === 'checking' ? '正在检查…' : '正在导入…'}</Typography.Text>
            <Space style={{ width: '100%' }} align="center">
              <Progress percent={percent} style={{ width: 560 }} status="active" />
              <Button danger onClick={cancel}>
                {phase === 'checking' ? '取消' : '停止导入'}
              </Button>
            </Space>
            {phase === 'applying' && <Typography.Text type="secondary">每个文件要么完整导入，要么完全不导入；停止后，已导入的文件保留，正在导入的文件不写入任何数据。</Typography.Text>}
          </Space>
        )}
        {refusedFiles.map((p) => (
          <Alert key={p.name} type="error" showIcon role="alert" data-testid="import-refused" title={`${p.name}：已拒绝导入`} description={p.error} />
        ))}
        {accepted.length > 1 && (
          <Typography.Text type="secondary">每个文件分别与本机现有数据比较；一起导入时逐个文件写入，几个文件中相同的记录只写入一次。</Typography.Text>
        )}
        {accepted.length > 0 && (
          <Table<OkPreview>
            size="small"
            rowKey="name"
            data-testid="import-previews"
            dataSource={accepted}
            pagination={accepted.length > 8 ? { pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 个文件` } : false}
            expandable={{
              rowExpandable: (p) => p.refused.length > 0 || p.farFuture.length > 0,
              defaultExpandAllRows: accepted.length <= 3,
              expandedRowRender: (p) => <PreviewRow p={p} choice={includeUnauthorized[p.name] ?? false} onChoice={(v) => setIncludeUnauthorized(p.name, v)} />,
            }}
            onRow={() => ({ 'data-testid': 'import-preview' }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '文件',
                width: 300,
                render: (_, p) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text ellipsis style={{ maxWidth: 280 }} title={p.name}>
                      {p.name}
                    </Typography.Text>
                    <Space size={4}>
                      {p.seenBefore && <Tag>已导入过</Tag>}
                      {p.refused.length > 0 && <Tag color="orange">{`未采用 ${p.refused.length} 条`}</Tag>}
                      {p.farFuture.length > 0 && <Tag color="blue">时间超前</Tag>}
                    </Space>
                  </Space>
                ),
              },
              { title: '导入后的变化', render: (_, p) => <Typography.Text data-testid="preview-sentence">{p.sentence}</Typography.Text> },
            ]}
          />
        )}
        {previews.length > 0 && !busy && (
          <Space>
            <Button type="primary" onClick={apply} disabled={accepted.length === 0}>
              {`应用导入（${accepted.length} 个文件）`}
            </Button>
            <Button onClick={clear}>取消</Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
