import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { getDatabase } from '../../../db/database';
import { dismissConflict, dismissRefusedFile, getRefusedFiles, listConflicts, restoreConflict, type ConflictView, type RefusedFile } from '../../../db/sync';

const time = (ms: number | null) => (ms === null ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm'));
const KIND_COLORS: Record<ConflictView['kind'], string> = { conflict: 'gold', refused: 'red', orphan: 'default', override: 'purple' };

function ReviewTable({ rows, loading }: { rows: ConflictView[]; loading: boolean }) {
  const db = getDatabase();
  const { message } = App.useApp();
  async function restore(c: ConflictView) {
    try {
      await restoreConflict(db, c.seq);
      message.success('已恢复该版本（原版本保留在记录中）');
    } catch (e) {
      message.error(e instanceof Error ? e.message : '恢复失败');
    }
  }
  return (
    <Table<ConflictView>
      data-testid="conflict-list"
      size="small"
      rowKey="seq"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        {
          title: '记录',
          width: 250,
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <Tag color={KIND_COLORS[c.kind]}>{c.kindLabel}</Tag>
              <Typography.Text>{c.title}</Typography.Text>
            </Space>
          ),
        },
        {
          title: '本机现在的情况',
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{c.current}</Typography.Text>
              <Typography.Text type="secondary">{time(c.currentAt)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: '待核对的版本',
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text data-testid="conflict-other">{c.other}</Typography.Text>
              {c.reason && <Typography.Text type="warning" data-testid="conflict-reason">{c.reason}</Typography.Text>}
              <Typography.Text type="secondary">{`${c.otherBy} · ${time(c.otherAt)} · 来自 ${c.source}`}</Typography.Text>
            </Space>
          ),
        },
        {
          title: '处理',
          width: 190,
          render: (_, c) => (
            <Space>
              {c.restorable && (
                <Popconfirm title="用这个版本替换当前版本？" okText="恢复" cancelText="取消" onConfirm={() => restore(c)}>
                  <Button size="small">恢复此版本</Button>
                </Popconfirm>
              )}
              <Button size="small" type="link" onClick={() => dismissConflict(db, c.seq)}>
                {c.restorable ? '保留当前版本' : '已核对'}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

function RefusedFiles({ files }: { files: RefusedFile[] }) {
  const db = getDatabase();
  if (files.length === 0) return null;
  return (
    <Table<RefusedFile & { index: number }>
      size="small"
      data-testid="refused-files"
      rowKey={(f) => `${f.index}-${f.name}`}
      dataSource={files.map((f, index) => ({ ...f, index }))}
      pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: '被拒绝的文件', dataIndex: 'name', width: 260 },
        { title: '原因', dataIndex: 'reason' },
        { title: '时间', dataIndex: 'at', width: 140, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        {
          title: '',
          width: 80,
          render: (_, f) => (
            <Button size="small" type="link" onClick={() => dismissRefusedFile(db, f.index)}>
              移除
            </Button>
          ),
        },
      ]}
    />
  );
}

/**
 * Versions to review after imports: merge conflicts, reports on deleted tasks, 销号/退回 overridden by reports
 * that never saw them (tab 待核对), and what was not applied — refused records and files, with the reason
 * (tab 未采用). Each stays until the user restores it or marks it checked.
 */
export function ConflictsPanel() {
  const db = getDatabase();
  const data = useLiveQuery(async () => {
    await db.conflicts.count(); // subscribe to the conflicts table
    const [review, refused, files] = await Promise.all([listConflicts(db, ['conflict', 'orphan', 'override']), listConflicts(db, ['refused']), getRefusedFiles(db)]);
    return { review, refused, files };
  }, [db]);
  const review = data?.review ?? [];
  const refusedCount = (data?.refused.length ?? 0) + (data?.files.length ?? 0);
  return (
    <Card title={`冲突与未采用（${review.length + refusedCount} 条待核对）`}>
      <Tabs
        items={[
          {
            key: 'review',
            label: `冲突与覆盖（${review.length}）`,
            children: data && review.length === 0 ? <Empty description="没有待处理的冲突" /> : <ReviewTable rows={review} loading={!data} />,
          },
          {
            key: 'refused',
            label: `未采用（${refusedCount}）`,
            children:
              data && refusedCount === 0 ? (
                <Empty description="没有未采用的记录或文件" />
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <RefusedFiles files={data?.files ?? []} />
                  {(data?.refused.length ?? 0) > 0 && <ReviewTable rows={data?.refused ?? []} loading={!data} />}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
