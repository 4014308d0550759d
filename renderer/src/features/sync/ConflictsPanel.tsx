import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { getDatabase } from '../../../db/database';
import {
  REFUSED_PER_FILE,
  dismissAllRefused,
  dismissAllRefusedFiles,
  dismissConflict,
  dismissRefusedFile,
  getRefusedFiles,
  listConflicts,
  restoreConflict,
  type ConflictView,
} from '../../../db/sync';
import { useSyncImport } from './importStore';

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
              <Typography.Text type="secondary">{`${c.kind === 'refused' ? `署名 ${c.claimedBy}` : c.otherBy} · ${time(c.otherAt)} · 来自 ${c.source}`}</Typography.Text>
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
              <Button size="small" type="link" data-testid="dismiss-review" onClick={() => dismissConflict(db, c.seq)}>
                {c.restorable ? '保留当前版本' : c.kind === 'refused' ? '移除' : '已核对'}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

interface RefusedFileRow {
  key: string;
  name: string;
  reason: string;
  at: string;
  dismiss: () => void;
}

/** Files refused whole: this session's (kept in memory only) and any an earlier version of the app saved. */
function RefusedFiles({ files }: { files: RefusedFileRow[] }) {
  if (files.length === 0) return null;
  return (
    <Table<RefusedFileRow>
      size="small"
      data-testid="refused-files"
      rowKey="key"
      dataSource={files}
      pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: '被拒绝的文件', dataIndex: 'name', width: 260 },
        { title: '原因', dataIndex: 'reason' },
        { title: '时间', dataIndex: 'at', width: 140, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        {
          title: '',
          width: 80,
          render: (_, f) => (
            <Button size="small" type="link" onClick={f.dismiss}>
              移除
            </Button>
          ),
        },
      ]}
    />
  );
}

/** The refused versions of each import that were not kept one by one (the per-file bound): "及其余 M 条". */
function OmittedNotes({ rows }: { rows: ConflictView[] }) {
  const groups = new Map<string, { source: string; omitted: number }>();
  for (const c of rows) if (c.group && c.omitted > 0) groups.set(c.group, { source: c.source, omitted: c.omitted });
  return (
    <>
      {[...groups].map(([g, { source, omitted }]) => (
        <Typography.Text key={g} type="secondary" data-testid="refused-omitted">
          {`来自 ${source}：及其余 ${omitted} 条被拒绝的记录未逐条列出（为免占满磁盘，每个文件只保留前 ${REFUSED_PER_FILE} 条；其原因可在导入前的检查中查看）`}
        </Typography.Text>
      ))}
    </>
  );
}

/**
 * Versions to review after imports: merge conflicts, reports on deleted tasks, 销号/退回 overridden by reports
 * that never saw them (tab 待核对), and what was not applied — refused records and files, with the reason and
 * who claimed them (tab 未采用). Each stays until the user restores it (conflicts only) or dismisses it.
 */
export function ConflictsPanel() {
  const db = getDatabase();
  const data = useLiveQuery(async () => {
    await db.conflicts.count(); // subscribe to the conflicts table
    const [review, refused, files] = await Promise.all([listConflicts(db, ['conflict', 'orphan', 'override']), listConflicts(db, ['refused']), getRefusedFiles(db)]);
    return { review, refused, files };
  }, [db]);
  const sessionFiles = useSyncImport((s) => s.refusedFiles);
  const review = data?.review ?? [];
  const refusedRows = data?.refused ?? [];
  const files: RefusedFileRow[] = [
    ...sessionFiles.map((f, i) => ({ key: `s${i}-${f.name}`, name: f.name, reason: f.reason, at: f.at, dismiss: () => useSyncImport.getState().dismissRefusedFile(i) })),
    ...(data?.files ?? []).map((f, i) => ({ key: `d${i}-${f.name}`, name: f.name, reason: f.reason, at: f.at, dismiss: () => void dismissRefusedFile(db, i) })),
  ];
  const refusedCount = refusedRows.length + files.length;
  async function dismissAll() {
    useSyncImport.getState().dismissAllRefusedFiles();
    await dismissAllRefusedFiles(db);
    await dismissAllRefused(db);
  }
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
                  <Alert
                    type="info"
                    showIcon
                    title="以下记录或文件在导入时被拒绝，没有写入本机数据，也不会随本机导出的文件发出；列在这里供核对，核对后可移除。"
                    action={
                      <Popconfirm title="移除全部未采用的记录和文件？" okText="全部移除" cancelText="取消" onConfirm={dismissAll}>
                        <Button size="small" data-testid="dismiss-all-refused">
                          全部移除
                        </Button>
                      </Popconfirm>
                    }
                  />
                  <RefusedFiles files={files} />
                  {refusedRows.length > 0 && <ReviewTable rows={refusedRows} loading={!data} />}
                  <OmittedNotes rows={refusedRows} />
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
