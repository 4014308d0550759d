/**
 * Main process: composition only. Every rule lives in a module of its own (origin, security, protocol, ipc,
 * openRequests, singleInstance, window); this file wires them to Electron in the order Electron requires.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import { release } from 'node:os';
import { join } from 'node:path';
import { desktopAppInfo } from './appInfo';
import { registerIpcHandlers } from './ipc';
import { OpenRequestInbox, snapshotPathsFromArgv } from './openRequests';
import { APP_ID, APP_SCHEME, USER_DATA_DIR_NAME } from './origin';
import { APP_SCHEME_DEFINITION, createAppRequestHandler } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { claimSingleInstance } from './singleInstance';
import { focusWindow, openMainWindow } from './window';

// Before anything touches the profile: pin its folder (holds IndexedDB; see origin.ts), sandbox every renderer,
// and declare app:// privileged (only possible before `ready`).
app.setPath('userData', join(app.getPath('appData'), USER_DATA_DIR_NAME));
app.enableSandbox();
// Windows groups the taskbar button and the installer's shortcuts by this id.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);

let mainWindow: BrowserWindow | null = null;
const inbox = new OpenRequestInbox((message) => dialog.showErrorBox('无法打开文件', message));

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  // dist/electron/main.cjs → dist/renderer (inside app.asar when packaged).
  protocol.handle(APP_SCHEME, createAppRequestHandler(join(__dirname, '..', 'renderer')));
  registerIpcHandlers(ipcMain, {
    dialog,
    windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
    backupsDir: join(app.getPath('userData'), 'backups'),
    documentsDir: app.getPath('documents'),
    appInfo: desktopAppInfo(app.getVersion(), process.platform, release(), process.arch),
    inbox,
  });
  Menu.setApplicationMenu(null);
  mainWindow = openMainWindow(BrowserWindow, join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (claimSingleInstance(app, (argv, workingDirectory) => {
  inbox.push(snapshotPathsFromArgv(argv, workingDirectory));
  focusWindow(mainWindow);
})) {
  inbox.push(snapshotPathsFromArgv(process.argv, process.cwd()));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    inbox.push([path]);
    focusWindow(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('任务分解台账无法启动', String(error));
      app.quit();
    });
}
