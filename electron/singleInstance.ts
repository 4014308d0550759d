import type { App } from 'electron';

/**
 * One app per user: two windows on one IndexedDB would fight over it. A second launch hands its command line
 * (maybe a double-clicked `.tzsync` file) to the first instance and quits. Returns false in the second instance.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondLaunch: (argv: string[], workingDirectory: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => onSecondLaunch(argv, workingDirectory));
  return true;
}
