import type { ConfigProviderProps } from 'antd';

/**
 * The antd configuration of the window (main.tsx), shared with the build step that writes the first screen's
 * component styles into a stylesheet (scripts/firstScreenStyles.ts): both must use the same theme, or the styles'
 * hashes differ and antd generates them again at start-up.
 */
export const APP_THEME: ConfigProviderProps['theme'] = {
  token: { fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif' },
};
