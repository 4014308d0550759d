#!/usr/bin/env node
// `npm run web`: serve the built renderer on 127.0.0.1 and print the address. Data stays in the browser's IndexedDB.
import { preview } from 'vite';

const port = Number(process.env.PORT ?? 4173);
const server = await preview({ preview: { host: '127.0.0.1', port, strictPort: false, open: false } });
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n任务分解台账 网页版已启动: ${url}\n(在浏览器中打开此地址；按 Ctrl+C 停止)\n`);
