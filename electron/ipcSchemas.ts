import { z } from 'zod';
import { BACKUP_NAME_PATTERN } from '../shared/platform/bridge';

/** The largest file the app reads or writes in one piece over IPC (documents, snapshots, exports, backups). */
export const MAX_TRANSFER_BYTES = 512 * 1024 * 1024;
export const MAX_TRANSFER_LABEL = '512 MB';

const bytes = z
  .instanceof(Uint8Array, { message: '文件内容必须是字节数组' })
  .refine((b) => b.byteLength <= MAX_TRANSFER_BYTES, { message: `文件超过 ${MAX_TRANSFER_LABEL}` });

const title = z.string().max(200, { message: '对话框标题过长' });

const fileFilter = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, { message: '扩展名无效' })).min(1).max(20),
});

/**
 * A bare file name: no folder, no characters Windows forbids, no invisible direction or zero-width characters
 * (a right-to-left override shows "…exe" as "….docx"; the renderer passes names through safeFileName), not "."
 * or "..".
 */
const fileName = z
  .string()
  .min(1, { message: '文件名不能为空' })
  .max(200, { message: '文件名过长' })
  .regex(/^[^\\/:*?"<>|\u0000-\u001f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+$/, { message: '文件名含有不允许的字符' })
  .refine((n) => n !== '.' && n !== '..' && n.trim() === n && !n.endsWith('.'), { message: '文件名无效' });

export const backupName = z
  .string()
  .regex(BACKUP_NAME_PATTERN, { message: '备份文件名无效' })
  .refine((n) => n !== '.' && n !== '..', { message: '备份文件名无效' });

export const openFilesArgs = z.tuple([
  z.strictObject({ title, filters: z.array(fileFilter).max(20), multiple: z.boolean() }),
]);
export const saveFileArgs = z.tuple([
  z.strictObject({ title, suggestedName: fileName, filters: z.array(fileFilter).max(20), bytes }),
]);
export const noArgs = z.tuple([]);
export const backupWriteArgs = z.tuple([backupName, bytes]);
export const backupNameArgs = z.tuple([backupName]);
