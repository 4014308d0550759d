import { Component, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Spin } from 'antd';

/**
 * The parts of the window whose code loads when first shown (every screen but the plan list, the plan picker, the
 * first-run dialog): what the user sees when that code does not come, instead of a blank window.
 *   - The download failed (a file of the installation missing or unreadable, the web twin's server stopped): a
 *     Chinese message and 重新加载, which loads the window again (the screen and an open import review come back:
 *     both are kept).
 *   - It is still loading after SLOW_MS: the spinner says so and offers the same 重新加载.
 *   - The part failed for another reason (a bug): said as such, with the error's own text; never passed off as a
 *     download problem.
 */

/** A dynamic import() that failed: the code of a part of the window did not load. */
export class CodeLoadError extends Error {
  constructor(readonly part: string, cause: unknown) {
    super(`界面程序文件「${part}」没有加载成功：${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'CodeLoadError';
  }
}

/** Load a part's code; a failure becomes a CodeLoadError naming the part. */
export function loadPart<T>(part: string, load: () => Promise<T>): Promise<T> {
  return load().catch((e: unknown) => {
    throw new CodeLoadError(part, e);
  });
}

const reload = () => window.location.reload();

const reloadButton = (
  <Button size="small" type="primary" onClick={reload}>
    重新加载
  </Button>
);

interface BoundaryProps {
  children: ReactNode;
  /** Where the part sits: a whole screen, or a small part of the header (shorter message). */
  compact?: boolean;
}

export class LoadBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const download = error instanceof CodeLoadError;
    const title = download ? '这部分界面没有加载成功' : '这部分界面出错了';
    const description = download
      ? '界面的程序文件没有读取成功（安装文件可能不完整，或网页服务已停止）。请点击“重新加载”；如仍不成功，请重新启动本程序。'
      : `程序错误：${error instanceof Error ? error.message : String(error)}。请点击“重新加载”；如仍出现，请把这段文字告诉技术支持。`;
    if (this.props.compact) {
      return <Alert type="error" showIcon data-testid="load-failed" title={title} action={reloadButton} style={{ flex: 'none', paddingBlock: 2 }} />;
    }
    return <Alert type="error" showIcon data-testid="load-failed" title={title} description={description} action={reloadButton} style={{ marginTop: 24 }} />;
  }
}

/** How long a part may take to load before the spinner says so. */
const SLOW_MS = 10_000;

/** The spinner shown while a screen's code loads; after SLOW_MS it offers 重新加载. */
export function ScreenLoading() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div data-testid="screen-loading" style={{ marginTop: 48, textAlign: 'center' }}>
      <Spin />
      {slow && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 24, textAlign: 'start' }}
          title="界面加载时间较长"
          description="这部分界面的程序文件仍在读取。可以继续等待，或点击“重新加载”。"
          action={reloadButton}
        />
      )}
    </div>
  );
}
