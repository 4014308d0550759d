import { getDatabase } from '../db/database';
import { readStartData } from './store/startData';

/**
 * Imported first by main.tsx, so the database opens and the first screen's reads start while the rest of the
 * start-up code (React, antd) is still being evaluated. See store/startData.ts.
 */
export const startReads = readStartData(getDatabase());
