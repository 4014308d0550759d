import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { SNAPSHOT_EXTENSION, TABLE_ORDER, concatBytes } from '../../../../shared/sync';
import { getDatabase } from '../../../db/database';
import { getIdentity } from '../../../db/installation';
import { databaseDigest, exportSnapshot, getLastExport, markExported, sealableOffices, sealExport, SyncRefusedError, type ExportMark, type SealChoice } from '../../../db/sync';
import { InputRefusedError } from '../../../db/errors';
import { getPlatform } from '../../../platform';

/** This PC's identity, its data fingerprint, and the two exports (everything / changes since last export). */
export function ExportPanel() {
  const db = getDatabase();
  const { message } = App.useApp();
  const identity = useLiveQuery(() => getIdentity(db), [db]);
  const lastExport = useLiveQuery(() => getLastExport(db), [db]);
  const [digest, setDigest] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offices = useLiveQuery(() => (identity ? sealableOffices(db) : []), [db, identity]);
  const [sealKind, setSealKind] = useState<SealChoice['kind']>('none');
  const [sealOffice, setSealOffice] = useState<string | undefined>(undefined);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const sealProblem =
    sealKind === 'office' && !sealOffice ? '请选择收件单位' : sealKind === 'password' && password !== again ? '两次输入的密码不一致' : null;
  const sealChoice = (): SealChoice =>
    sealKind === 'office' ? { kind: 'office', office: sealOffice! } : sealKind === 'password' ? { kind: 'password', password } : { kind: 'none' };

  async function exportFile(mode: 'full' | 'changes') {
    setBusy(true);
    try {
      const platform = getPlatform();
      // The snapshot is signed record by record; sealing wraps it for one office or under a password.
      const result = await sealExport(db, await exportSnapshot(db, { mode, appVersion: (await platform.appInfo()).version }), sealChoice());
      const saved = await platform.saveFile({
        title: '保存同步文件',
        suggestedName: result.fileName,
        filters: [{ name: '任务分解台账同步文件', extensions: [SNAPSHOT_EXTENSION] }],
        bytes: concatBytes(result.file.chunks),
      });
      if (!saved.saved) return;
      await markExported(db, { ...result.mark, to: sealKind === 'office' ? (sealOffice ?? null) : null });
      const n = TABLE_ORDER.reduce((s, t) => s + (result.file.manifest.counts[t] ?? 0), 0);
      message.success(`已导出 ${n} 条记录${saved.location ? `，保存到 ${saved.location}` : ''}`);
    } catch (e) {
      message.error(e instanceof SyncRefusedError || e instanceof InputRefusedError ? e.message : '导出失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="导出同步文件">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {identity === null && <Alert type="warning" showIcon title="请先设置本机所属单位（在“设置”中），再导出同步文件" />}
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="本机单位">{identity ? `${identity.office}（${identity.role === 'supervisor' ? '督办' : '部门'}）` : '未设置'}</Descriptions.Item>
          <Descriptions.Item label="上次导出">
            <span data-testid="last-export">{lastExport ? lastExportText(lastExport) : '从未导出'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="数据指纹">
            <Space>
              <Typography.Text code data-testid="digest">
                {digest ?? '—'}
              </Typography.Text>
              <Button size="small" onClick={async () => setDigest((await databaseDigest(db)).slice(0, 16))}>
                计算数据指纹
              </Button>
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          两台电脑的数据指纹相同，说明它们的台账数据完全一致。
        </Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="seal-choice">
          <Radio.Group value={sealKind} onChange={(e) => setSealKind(e.target.value as SealChoice['kind'])}>
            <Radio value="none">不加密</Radio>
            <Radio value="office">加密发给已登记单位</Radio>
            <Radio value="password">用密码加密（对方尚未登记时）</Radio>
          </Radio.Group>
          {sealKind === 'office' && (
            <Select
              style={{ width: 320 }}
              placeholder="选择收件单位（只有该单位登记的电脑能打开）"
              value={sealOffice}
              onChange={setSealOffice}
              options={(offices ?? []).map((o) => ({ value: o.office, label: `${o.office}（${o.keys} 台电脑）` }))}
              data-testid="seal-office"
            />
          )}
          {sealKind === 'password' && (
            <Space wrap>
              <Input.Password style={{ width: 240 }} placeholder="密码（至少 8 位）" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="seal-password" />
              <Input.Password style={{ width: 240 }} placeholder="再次输入密码" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="seal-password-again" />
              <Typography.Text type="secondary">请另行（电话）告知对方密码，不要写在 U 盘上</Typography.Text>
            </Space>
          )}
          {sealProblem && (sealKind === 'office' || again.length > 0) && <Alert type="warning" showIcon title={sealProblem} />}
        </Space>
        <Space>
          <Button type="primary" disabled={!identity || !!sealProblem} loading={busy} onClick={() => exportFile('full')}>
            导出全部数据
          </Button>
          <Button disabled={!identity || !!sealProblem} loading={busy} onClick={() => exportFile('changes')}>
            {lastExport ? '导出变更（自上次导出以来）' : '导出变更（首次为全部数据）'}
          </Button>
        </Space>
        {lastExport && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="changes-hint">
            “导出变更”只包含上次导出之后本机新增和修改的记录（以及之后导入、需要转交的记录）。如果上次的文件发给了别的单位，或对方没有导入上次的文件，请对该单位“导出全部数据”，否则对方会缺少此前的记录。
          </Typography.Paragraph>
        )}
      </Space>
    </Card>
  );
}

/** "2026-11-27 10:05（全部数据，加密发给 区卫生健康局）". */
function lastExportText(mark: ExportMark): string {
  const what = mark.kind === 'full' ? '全部数据' : mark.kind === 'changes' ? '变更' : null;
  const to = mark.to ? `加密发给 ${mark.to}` : null;
  const detail = [what, to].filter(Boolean).join('，');
  return `${dayjs(mark.at).format('YYYY-MM-DD HH:mm')}${detail ? `（${detail}）` : ''}`;
}
