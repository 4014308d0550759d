import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { getDatabase } from '../../../db/database';
import { dismissConflict, listConflicts, restoreConflict, type ConflictView } from '../../../db/sync';

const time = (ms: number | null) => (ms === null ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm'));

/** Versions that lost a merge: review them, restore one, or keep the current version. */
export function ConflictsPanel() {
  const db = getDatabase();
  const { message } = App.useApp();
  const conflicts = useLiveQuery(async () => {
    await db.conflicts.count(); // subscribe to the conflicts table
    return listConflicts(db);
  }, [db]);

  async function restore(c: ConflictView) {
    try {
      await restoreConflict(db, c.seq);
      message.success('已恢复该版本（原版本保留在记录中）');
    } catch (e) {
      message.error(e instanceof Error ? e.message : '恢复失败');
    }
  }

  return (
    <Card title={`冲突（${conflicts?.length ?? 0} 条待核对）`}>
      {conflicts && conflicts.length === 0 ? (
        <Empty description="没有待处理的冲突" />
      ) : (
        <Table<ConflictView>
          data-testid="conflict-list"
          size="small"
          rowKey="seq"
          loading={conflicts === undefined}
          dataSource={conflicts ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '记录', dataIndex: 'title', width: 240 },
            {
              title: '当前版本（保留）',
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{c.current}</Typography.Text>
                  <Typography.Text type="secondary">{time(c.currentAt)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '另一版本',
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text data-testid="conflict-other">{c.other}</Typography.Text>
                  <Typography.Text type="secondary">{`${c.otherBy} · ${time(c.otherAt)} · 来自 ${c.source}`}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '处理',
              width: 200,
              render: (_, c) => (
                <Space>
                  <Popconfirm title="用这个版本替换当前版本？" okText="恢复" cancelText="取消" onConfirm={() => restore(c)}>
                    <Button size="small">恢复此版本</Button>
                  </Popconfirm>
                  <Button size="small" type="link" onClick={() => dismissConflict(db, c.seq)}>
                    保留当前版本
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
