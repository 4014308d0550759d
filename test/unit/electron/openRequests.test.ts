import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TRANSFER_BYTES } from '../../../electron/ipcSchemas';
import { OpenRequestInbox, readSnapshotFile, snapshotPathsFromArgv } from '../../../electron/openRequests';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot paths on the command line', () => {
  it('keeps .tzsync arguments, made absolute, and drops the program, flags and other files', () => {
    const argv = ['/opt/任务分解台账/taizhang', '--no-sandbox', 'notes.txt', '甲单位.tzsync', '/media/usb/乙.TZSYNC', '--flag=x.tzsync'];
    expect(snapshotPathsFromArgv(argv, '/home/u')).toEqual([resolve('/home/u', '甲单位.tzsync'), '/media/usb/乙.TZSYNC']);
    expect(snapshotPathsFromArgv(['electron', '.'], '/w')).toEqual([]);
  });

  it('accepts a file:// URI (a Linux desktop hands a double-clicked file over as one), decoded, and no other URI', () => {
    const argv = [
      '/opt/任务分解台账/taizhang',
      'file:///home/u/%E5%90%8C%E6%AD%A5%20%E6%96%87%E4%BB%B6.tzsync',
      'FILE:///media/usb/a.tzsync',
      'file://other-host/share/b.tzsync',
      'https://example.com/c.tzsync',
      'smb://server/d.tzsync',
      'file:///home/u/notes.txt',
    ];
    expect(snapshotPathsFromArgv(argv, '/w')).toEqual(['/home/u/同步 文件.tzsync', '/media/usb/a.tzsync']);
  });
});

describe('reading a snapshot the OS handed over', () => {
  it('returns its name and bytes', async () => {
    const path = join(dir, '甲.tzsync');
    writeFileSync(path, 'snap');
    expect(await readSnapshotFile(path)).toEqual({ name: '甲.tzsync', bytes: new Uint8Array(Buffer.from('snap')) });
  });

  it('refuses other extensions, folders, oversized and missing files in Chinese', async () => {
    writeFileSync(join(dir, 'x.exe'), 'MZ');
    await expect(readSnapshotFile(join(dir, 'x.exe'))).rejects.toThrow('不是台账同步文件：x.exe');
    mkdirSync(join(dir, 'folder.tzsync'));
    await expect(readSnapshotFile(join(dir, 'folder.tzsync'))).rejects.toThrow('不是文件：folder.tzsync');
    const big = join(dir, 'big.tzsync');
    writeFileSync(big, '');
    truncateSync(big, MAX_TRANSFER_BYTES + 1);
    await expect(readSnapshotFile(big)).rejects.toThrow('文件超过 512 MB：big.tzsync');
    await expect(readSnapshotFile(join(dir, 'gone.tzsync'))).rejects.toThrow('打开“gone.tzsync”失败：找不到文件或文件夹');
  });
});

describe('inbox', () => {
  it('reports unreadable files to the user and delivers the rest in order', async () => {
    const errors: string[] = [];
    const inbox = new OpenRequestInbox((m) => errors.push(m));
    writeFileSync(join(dir, 'a.tzsync'), 'a');
    inbox.push([join(dir, 'missing.tzsync'), join(dir, 'a.tzsync')]);
    const files = await inbox.attach(() => undefined);
    expect(files.map((f) => f.name)).toEqual(['a.tzsync']);
    expect(errors).toEqual(['打开“missing.tzsync”失败：找不到文件或文件夹']);
  });

  it('holds files again after the page detaches', async () => {
    const inbox = new OpenRequestInbox(() => undefined);
    writeFileSync(join(dir, 'b.tzsync'), 'b');
    const delivered: string[] = [];
    const sink = (f: { name: string }) => delivered.push(f.name);
    await inbox.attach(sink);
    inbox.detach(sink);
    inbox.push([join(dir, 'b.tzsync')]);
    expect(delivered).toEqual([]);
    expect((await inbox.attach(() => undefined)).map((f) => f.name)).toEqual(['b.tzsync']);
  });
});
