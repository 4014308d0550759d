/**
 * The window's first script, kept tiny: it starts reading the first screen's rows from IndexedDB (db/earlyReads.ts)
 * and hands them to the start-up code (boot.tsx: React, antd, the app), index.html's second script, which the browser
 * downloads and compiles meanwhile (vite.config.ts, bootScript). The reads thus overlap that code's loading instead
 * of following its evaluation (test/bench/start.bench.ts).
 */
import { readEarlyRows } from '../db/earlyReads';
// Linked from index.html by the build, beside this script.
import './global.css';

window.taizhangEarlyRows = readEarlyRows();
