import { useEffect, useState, type HTMLAttributes, type Key } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { SNAPSHOT_EXTENSION, TABLE_LABELS } from '../../../../shared/sync';
import { getDatabase } from '../../../db/database';
import type { FilePreview, FlaggedRecord, ImportProgress, OkPreview, RosterOffer } from '../../../db/sync';
import { getPlatform } from '../../../platform';
import { usePendingSyncFiles } from './pendingFiles';
import { useSyncImport } from './importStore';

function FlaggedTable({ rows, testId }: { rows: FlaggedRecord[]; testId?: string }) {
  return (
    <Table
      size="small"
      data-testid={testId}
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      rowKey={(r) => `${r.table}-${r.id}`}
      dataSource={rows}
      columns={[
        { title: '类型', dataIndex: 'table', width: 90, render: (t: FlaggedRecord['table']) => TABLE_LABELS[t] },
        { title: '署名单位', dataIndex: 'by', width: 160 },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

/** A supervisor office's roster arrived: trust it only after the fingerprint was confirmed by phone. */
function RosterOfferCard({ offer, onConfirm }: { offer: RosterOffer; onConfirm: () => void }) {
  return (
    <Alert
      type="info"
      showIcon
      data-testid="roster-offer"
      title={`文件附有「${offer.issuer}」的督办名册，本机尚未确认`}
      description={
        <Space orientation="vertical">
          <span>
            请致电「{offer.issuer}」，核对其督办电脑的根密钥指纹：
            <Typography.Text strong style={{ fontSize: 16, letterSpacing: 1 }}>
              {offer.fingerprint}
            </Typography.Text>
          </span>
          <span>核对一致后才信任该单位下发的计划、督办操作和名册；不一致说明文件可能是伪造的，请勿确认。</span>
          <Button type="primary" size="small" data-testid="confirm-roster" onClick={onConfirm}>
            指纹一致，信任该单位
          </Button>
        </Space>
      }
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

/** What a file asks of the user or tells them beyond its sentence: adoption, refused records, clocks. */
function PreviewDetails({ p, adopt, onAdopt }: { p: OkPreview; adopt: string[]; onAdopt: (ids: string[]) => void }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      {p.adoptable.map((a) => (
        <Checkbox
          key={a.planId}
          data-testid="adopt-plan"
          checked={adopt.includes(a.planId)}
          onChange={(e) => onAdopt(e.target.checked ? [...adopt, a.planId] : adopt.filter((x) => x !== a.planId))}
        >
          {`采用「${a.owner}」下发的《${a.title}》，替换本机自行导入的草稿（本单位已填报的进展保留）`}
        </Checkbox>
      ))}
      {p.refused.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="refused-records"
            title={`${p.refused.length} 条记录被拒绝，不会导入（原因见下表）；应用导入后列在「未采用」中供核对，不写入本机数据`}
            description="签名无效（伪造、篡改或重放）、签名密钥未登记或已撤销，或超出修改权限（进展只能由本单位填报，计划和督办操作只能由下发计划的督办单位修改）。下表列出记录署名的单位和原因。"
          />
          <FlaggedTable rows={p.refused} testId="refused-table" />
        </>
      )}
      {p.farFuture.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`${p.farFuture.length} 条记录的修改时间比本机时钟晚 24 小时以上：照常应用（各单位数据保持一致），请核对对方和本机的时钟`}
        />
      )}
      {p.oldFile && <Alert type="warning" showIcon data-testid="old-file" title={p.oldFile} />}
    </Space>
  );
}

const needsDetails = (p: OkPreview) => p.adoptable.length > 0 || p.refused.length > 0 || p.farFuture.length > 0 || p.oldFile !== null;

/** Import one or many snapshot files: open sealed ones, check each (progress, cancel), preview, then apply file by file. */
export function ImportPanel() {
  const { message } = App.useApp();
  const { previews, adopt, phase, progress, notice, passwords } = useSyncImport();
  const { check, recheck, confirmRoster, apply, cancel, clear, setAdopt, takeNotice } = useSyncImport.getState();
  const pending = usePendingSyncFiles((s) => s.files);
  const take = usePendingSyncFiles((s) => s.take);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  useEffect(() => {
    if (pending.length && phase === 'idle') void check(take());
  }, [pending, take, phase, check]);

  useEffect(() => {
    const n = notice && takeNotice();
    if (n) message[n.type](n.text);
  }, [notice, takeNotice, message]);

  useEffect(() => setExpanded(null), [previews]);

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
  const failed = previews.filter((p): p is Extract<FilePreview, { ok: false }> => !p.ok);
  const busy = phase !== 'idle';
  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.records / progress.total) * 100)) : 0;
  // A few files: their details open; many: each opens on demand.
  const expandedKeys = expanded ?? (accepted.length <= 3 ? accepted.filter(needsDetails).map((p) => p.name) : []);

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
        {!busy && accepted.flatMap((p) => p.rosterOffers.map((o) => <RosterOfferCard key={`${p.name}-${o.keyId}`} offer={o} onConfirm={() => void confirmRoster(o)} />))}
        {failed.map((p) =>
          p.locked === 'password-required' || p.locked === 'wrong-password' ? (
            <Alert
              key={p.name}
              type={p.locked === 'wrong-password' ? 'error' : 'info'}
              showIcon
              data-testid="sealed-password"
              title={`${p.name}：已加密`}
              description={
                <Space orientation="vertical">
                  <span>{p.error}</span>
                  <Space>
                    <Input.Password
                      style={{ width: 260 }}
                      placeholder="输入密码"
                      value={typed[p.name] ?? ''}
                      onChange={(e) => setTyped((t) => ({ ...t, [p.name]: e.target.value }))}
                      data-testid="open-password"
                    />
                    <Button type="primary" disabled={busy} onClick={() => void recheck({ ...passwords, [p.name]: typed[p.name] ?? '' })}>
                      打开
                    </Button>
                  </Space>
                </Space>
              }
            />
          ) : (
            <Alert key={p.name} type="error" showIcon role="alert" data-testid="import-refused" title={`${p.name}：已拒绝导入`} description={p.error} />
          ),
        )}
        {accepted.length > 1 && (
          <Typography.Text type="secondary">每个文件按顺序与本机数据比较（如同前面的文件已经导入）；一起导入时逐个文件写入，几个文件中相同的记录只写入一次。</Typography.Text>
        )}
        {accepted.length > 0 && (
          <Table<OkPreview>
            size="small"
            rowKey="name"
            data-testid="import-previews"
            dataSource={accepted}
            pagination={accepted.length > 8 ? { pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 个文件` } : false}
            expandable={{
              rowExpandable: needsDetails,
              expandedRowKeys: expandedKeys,
              onExpandedRowsChange: (keys) => setExpanded([...keys]),
              expandedRowRender: (p) => <PreviewDetails p={p} adopt={adopt[p.name] ?? []} onAdopt={(ids) => setAdopt(p.name, ids)} />,
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
                      {p.refused.length > 0 && <Tag color="red">{`拒绝 ${p.refused.length} 条`}</Tag>}
                      {p.adoptable.length > 0 && <Tag color="gold">可采用督办计划</Tag>}
                      {p.farFuture.length > 0 && <Tag color="blue">时间超前</Tag>}
                      {p.oldFile && <Tag color="orange">导出时间较早，请核对日期</Tag>}
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
