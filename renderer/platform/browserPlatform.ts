import Dexie, { type EntityTable } from 'dexie';
import { BACKUP_NAME_PATTERN, type BackupEntry, type BackupStore, type FileSource, type PickedFile, type Platform } from '../../shared/platform/bridge';

interface BackupRow extends BackupEntry {
  bytes: Uint8Array;
}

/** Backups for the web twin live in their own IndexedDB database, apart from the data they protect. */
class BrowserBackupStore implements BackupStore {
  private db = new (class extends Dexie {
    backups!: EntityTable<BackupRow, 'name'>;
    constructor() {
      super('taizhang-backups');
      this.version(1).stores({ backups: 'name, createdAt' });
    }
  })();

  async write(name: string, bytes: Uint8Array): Promise<void> {
    if (!BACKUP_NAME_PATTERN.test(name)) throw new Error('备份文件名无效');
    await this.db.backups.put({ name, bytes, size: bytes.byteLength, createdAt: new Date().toISOString() });
  }
  async list(): Promise<BackupEntry[]> {
    const rows = await this.db.backups.orderBy('createdAt').reverse().toArray();
    return rows.map(({ name, size, createdAt }) => ({ name, size, createdAt }));
  }
  async read(name: string): Promise<Uint8Array> {
    const row = await this.db.backups.get(name);
    if (!row) throw new Error('找不到该备份');
    return row.bytes;
  }
  async remove(name: string): Promise<void> {
    await this.db.backups.delete(name);
  }
}

/** A File read by slices on demand: nothing is read until asked, and never the whole of a large file. */
export function fileSource(file: Blob & { name: string }): FileSource {
  return { name: file.name, size: file.size, read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()) };
}

function chooseFiles(accept: string[], multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = accept.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const files = [...(input.files ?? [])];
      input.remove();
      resolve(files);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.append(input);
    input.click();
  });
}

/** The web twin: file input for opening, a download for saving, IndexedDB for backups. */
export function createBrowserPlatform(): Platform {
  return {
    openFiles: async (req) => {
      const files = await chooseFiles(req.filters.flatMap((f) => f.extensions), req.multiple);
      return Promise.all(files.map(async (f): Promise<PickedFile> => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    },
    openFileSources: async (req) => (await chooseFiles(req.filters.flatMap((f) => f.extensions), req.multiple)).map(fileSource),
    async saveFile(req) {
      const blob = new Blob([req.bytes as BlobPart]);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = req.suggestedName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, location: null };
    },
    appInfo: async () => ({ name: '任务分解台账', version: __APP_VERSION__, shell: 'browser', os: navigator.platform }),
    backups: new BrowserBackupStore(),
    onOpenFile: () => () => undefined,
  };
}
