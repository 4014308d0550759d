/** An error whose message is Chinese and meant for the user; IPC passes it through unchanged. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

const FS_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: '找不到文件或文件夹',
  EACCES: '没有权限访问该位置',
  EPERM: '没有权限访问该位置',
  EROFS: '该位置是只读的（U 盘可能已写保护）',
  ENOSPC: '磁盘空间不足',
  EBUSY: '文件正被其他程序占用',
  EISDIR: '所选位置是文件夹，不是文件',
  EMFILE: '打开的文件过多，请稍后重试',
};

/** A Chinese sentence for an error thrown by node:fs (or any other), for the user. */
export function describeError(error: unknown, action: string): string {
  if (error instanceof UserFacingError) return error.message;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const reason = FS_ERROR_MESSAGES[code];
  return reason ? `${action}失败：${reason}` : `${action}失败`;
}
