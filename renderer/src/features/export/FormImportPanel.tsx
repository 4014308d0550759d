import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { FORM_ROW_LABELS, type FormRow, type FormRowKind } from '../../../../shared/forms/formCheck';
import { getDatabase } from '../../../db/database';
import { applyFormImport, previewFormImport, type FormFilePreview } from '../../../db/formImport';
import { getPlatform } from '../../../platform';

const KIND_COLORS: Record<FormRowKind, string> = { new: 'green', update: 'blue', same: 'default', empty: 'default', error: 'red' };

function RowsTable({ rows }: { rows: FormRow[] }) {
  const shown = rows.filter((r) => r.kind !== 'empty');
  if (!shown.length) return <Typography.Text type="secondary">表中没有填写任何进展</Typography.Text>;
  return (
    <Table
      size="small"
      data-testid="form-rows"
      pagination={shown.length > 10 ? { pageSize: 10 } : false}
      rowKey={(r) => String(r.row)}
      dataSource={shown}
      columns={[
        { title: '行', dataIndex: 'row', width: 60 },
        { title: '序号', dataIndex: 'number', width: 70 },
        { title: '结果', dataIndex: 'kind', width: 80, render: (k: FormRowKind) => <Tag color={KIND_COLORS[k]}>{FORM_ROW_LABELS[k]}</Tag> },
        { title: '说明', dataIndex: 'reason' },
      ]}
    />
  );
}

/**
 * 导入填报表: the filled sheets of offices without the app. Each file is checked whole and previewed row by row
 * (新增 / 更新 / 无变化 / 有误); the good ones are applied together as the units' reports.
 */
export function FormImportPanel() {
  const { message } = App.useApp();
  const [previews, setPreviews] = useState<FormFilePreview[]>([]);
  const [busy, setBusy] = useState(false);

  async function pick() {
    const files = await getPlatform().openFiles({ title: '选择填好的填报表', filters: [{ name: 'Excel 填报表', extensions: ['xlsx', 'xls'] }], multiple: true });
    if (!files.length) return;
    setBusy(true);
    try {
      setPreviews(await previewFormImport(getDatabase(), files));
    } finally {
      setBusy(false);
    }
  }

  const accepted = previews.filter((p) => p.ok);
  const changes = accepted.reduce((n, p) => n + p.check.counts.new + p.check.counts.update, 0);

  async function apply() {
    setBusy(true);
    try {
      const result = await applyFormImport(getDatabase(), previews);
      message.success(`填报表导入完成：${result.files} 个文件，写入 ${result.written} 条进展`);
      setPreviews([]);
    } catch (e) {
      message.error(`导入失败，没有写入任何数据：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="导入填报表" extra={<Typography.Text type="secondary">未安装本软件的单位填好的 Excel 填报表，可一次选择多个</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button onClick={pick} loading={busy}>
          选择填报表…
        </Button>
        {previews.map((p) =>
          p.check.refusal ? (
            <Alert key={p.name} type="error" showIcon role="alert" data-testid="form-refused" title={`${p.name}：已拒绝导入`} description={p.check.refusal} />
          ) : (
            <Card
              key={p.name}
              size="small"
              data-testid="form-preview"
              title={p.name}
              extra={p.ok ? <Tag color="green">可导入</Tag> : <Tag color="red">有误，暂不导入</Tag>}
            >
              <Typography.Paragraph data-testid="form-sentence" style={{ marginBottom: 8 }}>
                {p.sentence}
                {p.check.author && <Typography.Text type="secondary">（填报人：{p.check.author}）</Typography.Text>}
              </Typography.Paragraph>
              <RowsTable rows={p.check.rows} />
            </Card>
          ),
        )}
        {previews.length > 0 && (
          <Space>
            <Button type="primary" onClick={apply} loading={busy} disabled={changes === 0}>
              {`导入填报表（${accepted.length} 个文件，${changes} 条进展）`}
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
