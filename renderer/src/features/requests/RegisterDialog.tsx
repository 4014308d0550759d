import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { REQUEST_SOURCES, REQUEST_URGENCIES } from '../../../../shared/model';
import { SOURCE_LABELS, URGENCY_LABELS } from '../../../../shared/requests/labels';
import { defaultPrefix } from '../../../../shared/requests/numbering';
import { requestNumber } from '../../../../shared/requests/numbering';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { registerRequest } from '../../../db/requests';

interface Fields {
  source?: string;
  sourceName?: string;
  requester?: string;
  contact?: string;
  receivedOn?: dayjs.Dayjs;
  subject?: string;
  content?: string;
  urgency?: string;
  prefix?: string;
}

/** 登记诉求事项: the office that receives a request registers it; the number is the office's next for the year. */
export function RegisterDialog({ open, onClose, planId, office, onRegistered }: { open: boolean; onClose: () => void; planId: string; office: string; onRegistered: (id: string) => void }) {
  const [form] = Form.useForm<Fields>();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const f = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      const attachments = await Promise.all(files.map(async (file) => ({ name: file.name, mime: file.type, bytes: new Uint8Array(await file.arrayBuffer()) })));
      const r = await registerRequest(getDatabase(), {
        planId,
        source: f.source ?? null,
        sourceName: f.sourceName,
        requester: f.requester,
        contact: f.contact,
        receivedOn: f.receivedOn ? f.receivedOn.format('YYYY-MM-DD') : '',
        subject: f.subject,
        content: f.content,
        urgency: f.urgency,
        prefix: f.prefix,
        attachments,
      });
      message.success(`已登记，编号 ${requestNumber(r)}`);
      form.resetFields();
      setFiles([]);
      onRegistered(r.id);
      onClose();
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '登记失败，请重试');
      if (!(e instanceof InputRefusedError)) console.warn('registerRequest failed', e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title="登记诉求事项"
      width={720}
      okText="登记"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'register-submit' } as never}
    >
      <Form form={form} layout="horizontal" labelCol={{ flex: '110px' }} initialValues={{ receivedOn: dayjs(), urgency: 'normal', prefix: defaultPrefix(office) }} data-testid="register-form">
        <Form.Item label="诉求来源" name="source" required>
          <Radio.Group options={REQUEST_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item label="诉求单位" name="sourceName" required>
          <Input placeholder="区县、园区或企业名称，如：巴南区市场监管局" maxLength={200} />
        </Form.Item>
        <Form.Item label="诉求人">
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="requester" noStyle>
              <Input placeholder="姓名" maxLength={100} style={{ width: '40%' }} />
            </Form.Item>
            <Form.Item name="contact" noStyle>
              <Input placeholder="联系方式" maxLength={100} style={{ width: '60%' }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item label="受理单位">
          <Typography.Text>{office}</Typography.Text>
        </Form.Item>
        <Form.Item label="受理日期" name="receivedOn" required>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="诉求事项" name="subject" required>
          <Input placeholder="简要名称，打印在签转单“事项”一栏" maxLength={200} />
        </Form.Item>
        <Form.Item label="诉求内容" name="content" required>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label="紧急程度" name="urgency">
          <Select options={REQUEST_URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="编号前缀" name="prefix" extra="编号为“前缀-年份-序号”，各受理单位各自编号，离线登记也不会重号">
          <Input maxLength={20} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="附件">
          <Upload
            multiple
            beforeUpload={(file) => {
              setFiles((list) => [...list, file]);
              return false;
            }}
            onRemove={(file) => setFiles((list) => list.filter((f) => f.name !== file.name))}
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
          >
            <Button>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
