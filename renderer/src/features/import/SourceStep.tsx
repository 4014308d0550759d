import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Progress, Space, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { getPlatform } from '../../../platform';
import { useImportDraft } from '../../store/importDraft';
import type { ParseProgress } from '../../workers/parseClient';
import { IMPORT_EXTENSIONS, IMPORT_TYPES_TEXT } from './acceptedFiles';

function stageText(p: ParseProgress | null): string {
  if (p?.stage === 'pages' && p.total) return `正在读取第 ${Math.min((p.done ?? 0) + 1, p.total)} 页，共 ${p.total} 页…`;
  if (p?.stage === 'analysing') return '正在识别任务分解表…';
  return '正在读取文件…';
}

/** While a file is read (in the importer's worker, the window stays usable): stage, pages, time, and a cancel. */
function ParsingProgress() {
  const progress = useImportDraft((s) => s.progress);
  const cancel = useImportDraft((s) => s.cancelParse);
  const startedAt = useImportDraft((s) => s.parseStartedAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = startedAt ? Math.max(0, Math.floor((now - startedAt) / 1000)) : 0;
  const percent = progress?.stage === 'pages' && progress.total ? Math.round(((progress.done ?? 0) / progress.total) * 100) : progress?.stage === 'analysing' ? 100 : undefined;
  return (
    <Card data-testid="parse-progress" style={{ marginTop: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{stageText(progress)}</Typography.Text>
        {percent !== undefined ? <Progress percent={percent} size="small" /> : <Progress percent={100} status="active" showInfo={false} size="small" />}
        <Space>
          <Typography.Text type="secondary">已用 {seconds} 秒；读取期间可以继续使用其他功能。</Typography.Text>
          <Button onClick={cancel}>取消读取</Button>
        </Space>
      </Space>
    </Card>
  );
}

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
            <Button type="primary" size="large" disabled={parsing} onClick={() => void pick()}>
              选择文件…
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              支持 {IMPORT_TYPES_TEXT}
            </Typography.Paragraph>
          </div>
          {parsing && <ParsingProgress />}
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
          <Button style={{ marginTop: 12 }} disabled={!text.trim() || parsing} onClick={() => void parse({ text }, '粘贴的文字')}>
            识别粘贴的文字
          </Button>
        </Card>
    </Space>
  );
}
