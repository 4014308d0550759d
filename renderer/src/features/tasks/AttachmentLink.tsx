import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentRef } from '../../../../shared/model';
import { getDatabase } from '../../../db/database';
import { getAttachmentBytes } from '../../../db/tracking';
import { getPlatform } from '../../../platform';
import { safeFileName } from '../../../../shared/text/safeName';

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} 字节`;

/**
 * An attachment: click to save a copy (its bytes come from this PC's store, addressed by hash). Its name may
 * come from another office's snapshot: shown and saved through safeFileName, so a right-to-left override
 * cannot disguise "…exe" as "….docx".
 */
export function AttachmentLink({ attachment }: { attachment: AttachmentRef }) {
  const { message } = App.useApp();
  const name = safeFileName(attachment.name);
  async function save() {
    const bytes = await getAttachmentBytes(getDatabase(), attachment.sha256);
    if (!bytes) {
      message.warning('本机没有该附件的内容（可能尚未同步过来）');
      return;
    }
    const ext = /\.([A-Za-z0-9]{1,16})$/.exec(name)?.[1] ?? '';
    await getPlatform().saveFile({ title: '保存附件', suggestedName: name, filters: ext ? [{ name: '附件', extensions: [ext] }] : [], bytes });
  }
  return (
    <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void save()} style={{ paddingInline: 0 }}>
      {name}（{formatSize(attachment.size)}）
    </Button>
  );
}
