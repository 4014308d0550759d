import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Table } from 'antd';
import dayjs from 'dayjs';
import { getDatabase } from '../../../db/database';
import { createBackup, listBackups, restoreBackup, type BackupInfo } from '../../../db/sync';
import { getPlatform } from '../../../platform';

/** Local backups (taken on a schedule and before every import): list, back up now, restore. */
export function BackupsPanel() {
  const { message } = App.useApp();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async () => setBackups(await listBackups(getPlatform().backups)), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      message.success(await action());
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    } finally {
      setBusy(false);
      await refresh();
    }
  }

  const version = async () => (await getPlatform().appInfo()).version;
  return (
    <Card
      title="本机备份"
      extra={
        <Button loading={busy} onClick={() => run(async () => (await createBackup(getDatabase(), getPlatform().backups, 'manual', { appVersion: await version() }), '已备份'))}>
          立即备份
        </Button>
      }
    >
      <Table<BackupInfo>
        size="small"
        rowKey="name"
        loading={backups === null}
        dataSource={backups ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有备份（每次导入前和定时自动备份）' }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
          { title: '类型', dataIndex: 'reason' },
          { title: '大小', dataIndex: 'size', render: (n: number) => `${Math.max(1, Math.round(n / 1024))} KB` },
          {
            title: '',
            render: (_, b) => (
              <Popconfirm
                title="用这个备份替换本机全部台账数据？（恢复前会先备份当前数据）"
                okText="恢复"
                cancelText="取消"
                onConfirm={() => run(async () => `已恢复 ${(await restoreBackup(getDatabase(), getPlatform().backups, b.name, { appVersion: await version() })).records} 条记录`)}
              >
                <Button size="small" disabled={busy}>
                  恢复
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
