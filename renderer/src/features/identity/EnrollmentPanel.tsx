import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { EnrolledKey } from '../../../../shared/sync';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/errors';
import { acceptEnrollmentFile, listRoster, previewEnrollment, revokeKey } from '../../../db/keys';
import { getPlatform } from '../../../platform';
import { useIdentity } from '../../store/identity';

type Pending = { text: string; office: string; role: string; device: string; fingerprint: string };

/** Supervisor PCs: accept 注册文件 after confirming the fingerprint by phone; see and revoke enrolled keys. */
export function EnrollmentPanel() {
  const db = getDatabase();
  const { message } = App.useApp();
  const identity = useIdentity((s) => s.identity);
  const roster = useLiveQuery(() => listRoster(db), [db]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [heard, setHeard] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  if (identity?.role !== 'supervisor') return null;

  async function pick() {
    const files = await getPlatform().openFiles({ title: '选择注册文件', filters: [{ name: '注册文件', extensions: ['json'] }], multiple: false });
    const file = files[0];
    if (!file) return;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
      const r = previewEnrollment(text);
      setPending({ text, office: r.office, role: r.role, device: r.device, fingerprint: r.fingerprint });
      setHeard('');
      setError(null);
    } catch (e) {
      message.error(e instanceof InputRefusedError ? e.message : '这不是本软件导出的注册文件，或文件已损坏');
    }
  }

  async function accept() {
    if (!pending) return;
    try {
      const key = await acceptEnrollmentFile(db, pending.text, heard);
      message.success(`已登记「${key.office}」的电脑（${key.device}）。请导出同步文件发给该单位，名册随文件送达。`);
      setPending(null);
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '登记失败，请重试');
    }
  }

  async function revoke(k: EnrolledKey) {
    try {
      await revokeKey(db, k.keyId, reason || '撤销登记');
      message.success(`已撤销「${k.office}」设备 ${k.device} 的密钥，此后其修改将被各单位拒绝`);
      setReason('');
    } catch (e) {
      message.error(e instanceof InputRefusedError ? e.message : '撤销失败，请重试');
    }
  }

  const mine = (roster ?? []).filter((k) => k.issuer === identity.office);
  return (
    <Card title="登记各单位电脑（名册）" data-testid="enrollment-panel" extra={<Button onClick={pick} data-testid="import-enrollment">导入注册文件…</Button>}>
      <Typography.Paragraph type="secondary">
        各单位电脑导出注册文件交给本单位；导入后与对方电话核对指纹，一致才登记。名册随同步文件送达各单位，只有名册中的电脑所做的修改会被接受。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="keyId"
        pagination={mine.length > 10 ? { pageSize: 10 } : false}
        dataSource={mine}
        columns={[
          { title: '单位', dataIndex: 'office' },
          { title: '类型', dataIndex: 'role', width: 90, render: (r: string) => (r === 'supervisor' ? '督办' : '部门') },
          { title: '设备', dataIndex: 'device', width: 150 },
          { title: '指纹', dataIndex: 'fingerprint', width: 210, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          {
            title: '状态',
            width: 150,
            render: (_: unknown, k: EnrolledKey) => (k.revokedSince === null ? <Tag color="green">在用</Tag> : <Tag color="red">{`${dayjs(k.revokedSince).format('YYYY-MM-DD')} 起撤销`}</Tag>),
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, k: EnrolledKey) =>
              k.revokedSince === null && k.device !== identity.deviceId ? (
                <Popconfirm
                  title="撤销这台电脑的登记？"
                  description={<Input placeholder="原因（如：电脑丢失、更换）" value={reason} onChange={(e) => setReason(e.target.value)} />}
                  okText="撤销"
                  cancelText="取消"
                  onConfirm={() => revoke(k)}
                >
                  <Button size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal title="登记电脑：请先电话核对指纹" open={!!pending} onCancel={() => setPending(null)} onOk={accept} okText="指纹一致，登记" cancelText="取消" destroyOnHidden>
        {pending && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="enrollment-confirm">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="单位">{pending.office}</Descriptions.Item>
              <Descriptions.Item label="类型">{pending.role === 'supervisor' ? '督办电脑（本单位另一台）' : '部门电脑'}</Descriptions.Item>
              <Descriptions.Item label="设备">{pending.device}</Descriptions.Item>
              <Descriptions.Item label="文件中的指纹">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {pending.fingerprint}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginBottom: 0 }}>请致电该单位，请对方在“文件同步 → 本机密钥”中读出指纹，输入对方读出的数字：</Typography.Paragraph>
            <Input placeholder="对方读出的 20 位数字" value={heard} onChange={(e) => setHeard(e.target.value)} data-testid="heard-fingerprint" />
            {error && <Alert type="error" showIcon role="alert" title={error} />}
          </Space>
        )}
      </Modal>
    </Card>
  );
}
