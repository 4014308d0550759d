import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
}

/** An echarts chart that follows its container's size; `onClick` receives the clicked item. */
export function EChart({ option, height, onClick, testId }: { option: EChartsCoreOption; height: number; onClick?: (e: ChartClick) => void; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.({ name: String(e.name), seriesName: e.seriesName, dataIndex: e.dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // A chart that cannot be drawn (whatever the data) says so in its place; it never takes the page down.
    try {
      chart.current?.setOption(option, true);
      setFailed(false);
    } catch (error) {
      console.warn('chart failed', error);
      setFailed(true);
    }
  }, [option]);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} data-testid={testId} style={{ width: '100%', height, visibility: failed ? 'hidden' : 'visible' }} />
      {failed && <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#999' }}>图表无法显示</div>}
    </div>
  );
}
