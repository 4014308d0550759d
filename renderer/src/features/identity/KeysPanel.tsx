import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Tag, Typography } from 'antd';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/errors';
import { exportEnrollmentFile, exportKeyBackup, ownKeyInfo } from '../../../db/keys';
import { getPlatform } from '../../../platform';
import { useIdentity } from '../../store/identity';

const encode = (text: string) => new TextEncoder().encode(text);

/** This PC's key: algorithm, fingerprint, where it is enrolled; export the 注册文件; back the key up under a password. */
export function KeysPanel() {
  const db = getDatabase();
  const { message } = App.useApp();
  const identity = useIdentity((s) => s.identity);
  const info = useLiveQuery(() => (identity ? ownKeyInfo(db) : undefined), [db, identity]);
  const [backupOpen, setBackupOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function saveEnrollment() {
    try {
      const file = await exportEnrollmentFile(db);
      const saved = await getPlatform().saveFile({ title: '保存注册文件', suggestedName: file.fileName, filters: [{ name: '注册文件', extensions: ['json'] }], bytes: encode(file.text) });
      if (saved.saved) message.success(`已导出注册文件。请把文件交给督办单位，并电话告知指纹 ${file.fingerprint}`);
    } catch (e) {
      message.error(e instanceof InputRefusedError ? e.message : '导出注册文件失败，请重试');
    }
  }

  async function saveBackup() {
    setError(null);
    if (password !== again) return setError('两次输入的密码不一致');
    try {
      const file = await exportKeyBackup(db, password);
      const saved = await getPlatform().saveFile({ title: '保存密钥备份', suggestedName: file.fileName, filters: [{ name: '密钥备份', extensions: ['tzkey'] }], bytes: encode(file.text) });
      if (saved.saved) {
        message.success('已导出密钥备份（没有密码无法使用，请妥善保管密码）');
        setBackupOpen(false);
        setPassword('');
        setAgain('');
      }
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '导出失败，请重试');
    }
  }

  if (!identity) return null;
  return (
    <Card title="本机密钥" data-testid="keys-panel">
      {info && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="签名算法">国密 SM2（SM3 摘要）</Descriptions.Item>
            <Descriptions.Item label="密钥指纹">
              <Typography.Text strong copyable data-testid="own-fingerprint" style={{ fontSize: 16, letterSpacing: 1 }}>
                {info.fingerprint}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="登记情况">
              {info.enrolledIn.length === 0 ? (
                <Tag color="orange">尚未登记</Tag>
              ) : (
                info.enrolledIn.map((k) => (
                  <Tag key={k.issuer} color={k.revokedSince === null ? 'green' : 'red'}>
                    {`${k.issuer}名册：${k.revokedSince === null ? (k.role === 'supervisor' ? '督办电脑' : '已登记') : '已撤销'}`}
                  </Tag>
                ))
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            本机导出的每条记录都用这把密钥签名。新电脑需先导出注册文件交督办单位登记，并电话核对上面的指纹；登记后，各单位才会接受本机的修改。
          </Typography.Paragraph>
          <Space>
            <Button onClick={saveEnrollment} data-testid="export-enrollment">
              导出注册文件…
            </Button>
            <Button onClick={() => setBackupOpen(true)}>备份密钥（需设置密码）…</Button>
          </Space>
        </Space>
      )}
      <Modal title="备份本机密钥" open={backupOpen} onCancel={() => setBackupOpen(false)} onOk={saveBackup} okText="导出" cancelText="取消" destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>密钥备份用于更换电脑后继续使用本机的登记。备份文件用密码加密，没有密码无法使用。</Typography.Paragraph>
          <Input.Password placeholder="设置密码（至少 8 位，不能全是数字）" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Input.Password placeholder="再次输入密码" value={again} onChange={(e) => setAgain(e.target.value)} />
          {error && <Alert type="error" showIcon role="alert" title={error} />}
        </Space>
      </Modal>
    </Card>
  );
}
