import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Space, Table, Tag, Typography } from 'antd';
import type { PickedFile } from '../../../../shared/platform/bridge';
import { SNAPSHOT_EXTENSION, TABLE_LABELS } from '../../../../shared/sync';
import { getDatabase } from '../../../db/database';
import { confirmAnchor } from '../../../db/keys';
import { applyImport, previewImport, type FilePreview, type FlaggedRecord, type RosterOffer } from '../../../db/sync';
import { getPlatform } from '../../../platform';
import { usePendingSyncFiles } from './pendingFiles';

interface Choice {
  includeFarFuture: boolean;
  /** Plans to adopt from the file's confirmed owner (replacing this PC's own draft). */
  adopt: string[];
}
const NO_CHOICE: Choice = { includeFarFuture: false, adopt: [] };

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
function RosterOfferCard({ offer, onConfirmed }: { offer: RosterOffer; onConfirmed: () => void }) {
  const [busy, setBusy] = useState(false);
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
          <Button
            type="primary"
            size="small"
            loading={busy}
            data-testid="confirm-roster"
            onClick={async () => {
              setBusy(true);
              try {
                await confirmAnchor(getDatabase(), { issuer: offer.issuer, keyId: offer.keyId, publicKey: offer.publicKey, device: offer.device }, offer.entry);
                onConfirmed();
              } finally {
                setBusy(false);
              }
            }}
          >
            指纹一致，信任该单位
          </Button>
        </Space>
      }
    />
  );
}

/** Import one or many snapshot files: open sealed ones, validate and preview each, then apply the accepted ones together. */
export function ImportPanel() {
  const { message } = App.useApp();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [previews, setPreviews] = useState<FilePreview[]>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const pending = usePendingSyncFiles((s) => s.files);
  const take = usePendingSyncFiles((s) => s.take);

  async function preview(next: PickedFile[], pw: Record<string, string> = passwords) {
    if (next.length === 0) return;
    setBusy(true);
    try {
      setFiles(next);
      setPreviews(await previewImport(getDatabase(), next, Date.now(), pw));
      setChoices({});
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (pending.length) void preview(take());
  }, [pending, take]);

  async function pick() {
    const picked = await getPlatform().openFiles({
      title: '选择同步文件',
      filters: [{ name: '任务分解台账同步文件', extensions: [SNAPSHOT_EXTENSION] }],
      multiple: true,
    });
    setPasswords({});
    await preview(picked, {});
  }

  const accepted = previews.filter((p): p is Extract<FilePreview, { ok: true }> => p.ok);

  async function apply() {
    setBusy(true);
    try {
      const app = await getPlatform().appInfo();
      const result = await applyImport(
        getDatabase(),
        accepted.map((preview) => {
          const c = choices[preview.name] ?? NO_CHOICE;
          return { preview, choice: { includeFarFuture: c.includeFarFuture }, adopt: c.adopt };
        }),
        { backups: getPlatform().backups, appVersion: app.version },
      );
      message.success(`导入完成：写入 ${result.written} 条记录，新增冲突 ${result.conflicts} 条${result.backupName ? '（导入前已自动备份）' : ''}`);
      setPreviews([]);
      setFiles([]);
    } catch (e) {
      message.error(`导入失败，没有写入任何数据：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const setChoice = (name: string, patch: Partial<Choice>) => setChoices((c) => ({ ...c, [name]: { ...NO_CHOICE, ...c[name], ...patch } }));

  return (
    <Card title="导入同步文件" extra={<Typography.Text type="secondary">可一次选择多个文件</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={pick} loading={busy}>
          选择同步文件…
        </Button>
        {previews.map((p) =>
          p.ok ? (
            <Card key={p.name} size="small" data-testid="import-preview" title={p.name} extra={p.seenBefore && <Tag>已导入过</Tag>}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {p.rosterOffers.map((o) => (
                  <RosterOfferCard key={o.keyId} offer={o} onConfirmed={() => void preview(files)} />
                ))}
                <Typography.Paragraph data-testid="preview-sentence" style={{ marginBottom: 0 }}>
                  {p.sentence}
                </Typography.Paragraph>
                {p.adoptable.map((a) => (
                  <Checkbox
                    key={a.planId}
                    data-testid="adopt-plan"
                    checked={(choices[p.name]?.adopt ?? []).includes(a.planId)}
                    onChange={(e) => {
                      const cur = choices[p.name]?.adopt ?? [];
                      setChoice(p.name, { adopt: e.target.checked ? [...cur, a.planId] : cur.filter((x) => x !== a.planId) });
                    }}
                  >
                    {`采用「${a.owner}」下发的《${a.title}》，替换本机自行导入的草稿（本单位已填报的进展保留）`}
                  </Checkbox>
                ))}
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
                    <Alert
                      type="error"
                      showIcon
                      data-testid="refused-records"
                      title={`${p.unauthorized.length} 条记录被拒绝，不会导入`}
                      description="签名无效（伪造、篡改或重放）、签名密钥未登记或已撤销，或超出修改权限（进展只能由本单位填报，计划和督办操作只能由下发计划的督办单位修改）。下表列出记录署名的单位和原因。"
                    />
                    <FlaggedTable rows={p.unauthorized} testId="refused-table" />
                  </Space>
                )}
              </Space>
            </Card>
          ) : p.locked === 'password-required' || p.locked === 'wrong-password' ? (
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
                    <Button
                      type="primary"
                      onClick={() => {
                        const pw = { ...passwords, [p.name]: typed[p.name] ?? '' };
                        setPasswords(pw);
                        void preview(files, pw);
                      }}
                    >
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
        {previews.length > 0 && (
          <Space>
            <Button type="primary" onClick={apply} loading={busy} disabled={accepted.length === 0}>
              {`应用导入（${accepted.length} 个文件）`}
            </Button>
            <Button
              onClick={() => {
                setPreviews([]);
                setFiles([]);
              }}
              disabled={busy}
            >
              取消
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
