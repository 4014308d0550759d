import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Spin, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { getPlatform } from '../../../platform';
import { useImportDraft } from '../../store/importDraft';
import { IMPORT_EXTENSIONS, IMPORT_TYPES_TEXT } from './acceptedFiles';

export { IMPORT_EXTENSIONS } from './acceptedFiles';

/** Step 1: a file (dialog or drag-and-drop anywhere on the window) or pasted text. */
export function SourceStep() {
  const parse = useImportDraft((s) => s.parse);
  const parsing = useImportDraft((s) => s.parsing);
  const error = useImportDraft((s) => s.error);
  const [text, setText] = useState('');

  async function pick() {
    const files = await getPlatform().openFiles({
      title: '选择要导入的措施文件',
      filters: [{ name: '措施文件（Word、WPS、PDF、Excel、网页、文本）', extensions: [...IMPORT_EXTENSIONS] }],
      multiple: false,
    });
    const file = files[0];
    if (file) await parse({ name: file.name, bytes: file.bytes }, file.name);
  }

  return (
    <Spin spinning={parsing} description="正在识别任务分解表…">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title="第一步：选择上级印发的措施文件">
          <div
            style={{
              border: '2px dashed #d9d9d9',
              borderRadius: 8,
              padding: '40px 16px',
              textAlign: 'center',
              background: '#fafafa',
            }}
          >
            <InboxOutlined style={{ fontSize: 48, color: '#b71c1c' }} />
            <Typography.Paragraph style={{ fontSize: 16, marginTop: 12 }}>把文件拖到本窗口任意位置，或</Typography.Paragraph>
            <Button type="primary" size="large" onClick={() => void pick()}>
              选择文件…
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              支持 {IMPORT_TYPES_TEXT}
            </Typography.Paragraph>
          </div>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 16 }} />}
        </Card>
        <Card title="或者：粘贴文件文字">
          <Input.TextArea
            aria-label="粘贴文件文字"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="从网页或文档中复制全文（含任务分解表），粘贴到这里"
          />
          <Button style={{ marginTop: 12 }} disabled={!text.trim()} onClick={() => void parse({ text }, '粘贴的文字')}>
            识别粘贴的文字
          </Button>
        </Card>
      </Space>
    </Spin>
  );
}
