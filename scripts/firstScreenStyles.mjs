/**
 * The antd component styles of the first screen (the header, the plan list, the loading and error notices), made
 * at build time into a stylesheet the page links (vite.config.ts). antd otherwise generates each component's CSS in
 * the browser when the component first renders, which was most of the first screen's start-up time; with the
 * stylesheet's path map (antd's own mechanism for server-rendered pages) it finds these styles made and skips
 * them. Components the first screen does not use still get their styles at run time, when first shown.
 *
 * Runs in Node (antd's CommonJS build) with the window's theme (renderer/src/theme.json, also read by boot.tsx):
 * the styles' hashes then equal the ones computed in the browser. A component missing here costs time, never
 * looks: antd then generates its style as before. test/e2e/screens.e2e.ts checks that none is generated.
 */
import { createRequire } from 'node:module';
import { createElement as h } from 'react';
import reactDomServer from 'react-dom/server';
import antd from 'antd';
import cssinjs from '@ant-design/cssinjs';

const require = createRequire(import.meta.url);
const theme = require('../renderer/src/theme.json');
const zhCN = require('antd/locale/zh_CN').default;

/** The antd components on the first screen, each rendered once (a component's style covers all its variants). */
function firstScreen() {
  const { Alert, Button, Card, Empty, Layout, Space, Spin, Tag, Typography } = antd;
  return h(
    Layout,
    null,
    h(
      Layout.Header,
      null,
      h(Typography.Title, { level: 3 }, 'x'),
      h(Tag, { color: 'gold' }, 'x'),
    ),
    h(
      Layout.Content,
      null,
      h(Alert, { type: 'info', showIcon: true, title: 'x', description: 'x', action: h(Button, { size: 'small' }, 'x') }),
      h(Spin, null),
      h(
        Space,
        { orientation: 'vertical' },
        h(Card, { title: 'x', extra: h(Button, { type: 'primary' }, 'x') }, h(Typography.Text, { strong: true }, 'x'), h(Tag, { color: 'green' }, 'x')),
        h(Card, null, h(Empty, { description: 'x' })),
      ),
    ),
  );
}

/** The stylesheet's text. Call with NODE_ENV=production set before antd is first loaded (it names classes by it). */
export function firstScreenStyles() {
  const cache = cssinjs.createCache();
  reactDomServer.renderToString(
    h(cssinjs.StyleProvider, { cache }, h(antd.ConfigProvider, { locale: zhCN, button: { autoInsertSpace: false }, theme }, h(antd.App, null, firstScreen()))),
  );
  // Only the components' styles: the theme's variables are made at start-up either way.
  return cssinjs.extractStyle(cache, { plain: true, types: ['style'] });
}
