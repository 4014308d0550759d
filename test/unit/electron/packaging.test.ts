import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_TITLE } from '../../../electron/window';
import { SNAPSHOT_EXTENSION } from '../../../electron/openRequests';
import { APP_ID } from '../../../electron/origin';

/**
 * electron-builder.yml, checked the way electron-builder itself checks it (its JSON schema), plus the packaging
 * decisions of the issue. Building the packages needs the Electron download, which this machine cannot do.
 */
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const yaml = fromLib('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = fromLib('./out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = { target: string; arch: string[] };
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // …and that validation does refuse a mistyped option.
    const broken = structuredClone(config);
    broken.nsis.oneClik = false;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the product in Chinese and never publishes or auto-updates', () => {
    expect(config.productName).toBe(APP_TITLE);
    expect(config.appId).toBe(APP_ID);
    expect(config.publish).toBeNull();
    expect(config.asar).toBe(true);
  });

  it('ships only the bundles and package.json, whose main is the bundled main process', () => {
    expect(config.files).toEqual(['dist/electron/**', 'dist/renderer/**', 'package.json', '!node_modules/**']);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });

  it('builds a per-user Chinese NSIS installer for Windows x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'], deleteAppDataOnUninstall: false });
    expect(config.win.icon).toBe('icon.ico');
  });

  it('builds deb and AppImage for Linux x64 and arm64, category Office', () => {
    const targets = config.linux.target as Target[];
    expect(targets.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    for (const t of targets) expect(t.arch.sort()).toEqual(['arm64', 'x64']);
    expect(config.linux.category).toBe('Office');
  });

  it('associates .tzsync files with the app, with their own icon', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: SNAPSHOT_EXTENSION.slice(1), name: '任务分解台账同步文件', icon: 'tzsync', mimeType: 'application/x-taizhang-sync' }),
    ]);
  });

  it('hardens the packaged Electron binary with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds on an Electron release with ASAR integrity on Windows (>= 30) and no older than the reviewed 45.4.1', () => {
    const installed = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')).version as string;
    const [major, minor, patch] = installed.split('.').map(Number) as [number, number, number];
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(45 * 1e6 + 4 * 1e3 + 1);
    // The range in package.json cannot fall back to an older major either.
    const range = (pkg as unknown as { devDependencies: Record<string, string> }).devDependencies.electron!;
    expect(Number(/(\d+)/.exec(range)?.[1])).toBeGreaterThanOrEqual(45);
    expect(range.startsWith('^') || /^\d/.test(range)).toBe(true);
  });

  it('points at icons that exist: a 512×512 PNG and ICOs with a 256×256 image', () => {
    const png = readFileSync(resolve('build', config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    for (const name of [config.win.icon, `${config.fileAssociations[0].icon}.ico`]) {
      const ico = readFileSync(resolve('build', name));
      expect(ico.readUInt16LE(2)).toBe(1); // icon resource
      const count = ico.readUInt16LE(4);
      const widths = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
      expect(widths).toContain(256);
      expect(widths).toContain(16);
    }
  });
});
