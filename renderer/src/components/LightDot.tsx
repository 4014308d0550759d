import { Tooltip } from 'antd';
import { LIGHT_LABELS, type Light, type TaskStanding } from '../../../shared/tracking/standing';

export const LIGHT_COLORS: Record<Light, string> = { red: '#e5484d', yellow: '#f5c518', green: '#46a758', grey: '#bdbdbd' };

/** A task's light; hovering shows why (the rule as it applied to this task). */
export function LightDot({ standing, size = 14 }: { standing: Pick<TaskStanding, 'light' | 'reasons'>; size?: number }) {
  return (
    <Tooltip
      title={
        <div>
          <b>{LIGHT_LABELS[standing.light]}</b>
          {standing.reasons.map((r) => (
            <div key={r}>· {r}</div>
          ))}
        </div>
      }
    >
      <span
        role="img"
        aria-label={LIGHT_LABELS[standing.light]}
        data-light={standing.light}
        style={{ display: 'inline-block', width: size, height: size, borderRadius: '50%', background: LIGHT_COLORS[standing.light], boxShadow: 'inset 0 0 0 1px rgba(0,0,0,.15)', cursor: 'help' }}
      />
    </Tooltip>
  );
}

/** The light rules in one paragraph, for legends. */
export const LIGHT_RULES = [
  '红灯：超过完成时限仍未完成，或报告滞后，或本期进展逾期未报',
  '黄灯：临近完成时限，或本期进展尚未报送',
  '绿灯：按期推进或已完成',
  '灰灯：尚未启动且未到期',
];
