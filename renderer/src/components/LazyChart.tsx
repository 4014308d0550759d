import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { ChartClick } from './EChart';

// echarts is loaded with the first chart, after the screen's tables have painted.
const EChart = lazy(() => import('./EChart').then((m) => ({ default: m.EChart })));

/** An echarts chart (see EChart.tsx) whose code loads on first use; an empty box of the same height until then. */
export function LazyChart(props: { option: EChartsCoreOption; height: number; onClick?: (e: ChartClick) => void; testId?: string }) {
  return (
    <Suspense fallback={<div style={{ width: '100%', height: props.height }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
