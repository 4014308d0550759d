import { useCallback, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App } from 'antd';
import type { Plan } from '../../../../shared/model';
import { getDatabase } from '../../../db/database';
import { planEditGate } from '../../../db/planEdit';
import { InputRefusedError } from '../../../db/plans';
import { useIdentity } from '../../store/identity';
import { usePlanView } from '../../store/planView';

/**
 * Why this PC may not maintain the plan (null: it may): the plan's own state (shared/tracking/planEdit.ts), then
 * the one authority policy — the same checks the commands make. Refused while the answer is being read.
 */
export function usePlanEditGate(plan: Plan | null | undefined, opts: { allowArchived?: boolean } = {}): string | null {
  const identity = useIdentity((s) => s.identity);
  const allowArchived = !!opts.allowArchived;
  const planId = plan?.id;
  const gate = useLiveQuery(
    () => (planId ? planEditGate(getDatabase(), planId, { allowArchived }) : undefined),
    [planId, identity, allowArchived, plan?.stamp],
  );
  if (!plan) return '计划不存在或已删除';
  return gate ? gate.refusal : '正在读取权限…';
}

/** The message a failed command shows: the refusal as it is, anything else as "nothing was written". */
export function commandError(e: unknown): string {
  if (e instanceof InputRefusedError) return e.message;
  console.warn('plan edit failed', e);
  return '保存失败，没有写入任何数据，请重试';
}

/**
 * Run a plan maintenance command: a toast on success, the refusal on failure (in `onError`, or a toast), and the
 * open plan re-read at once (the screens would also notice the change on their own, a moment later). Resolves to
 * whether the command succeeded (never to the command's value: a command that returns nothing succeeds too).
 */
export function useEditCommand() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(command: () => Promise<T>, success: string | ((value: T) => string), onError?: (message: string) => void): Promise<boolean> => {
      setBusy(true);
      try {
        const value = await command();
        message.success(typeof success === 'function' ? success(value) : success);
        const view = usePlanView.getState();
        if (view.planId) await view.load(view.planId, true);
        return true;
      } catch (e) {
        // A dialog shows the refusal where the user is looking; elsewhere a toast.
        if (onError) onError(commandError(e));
        else message.error(commandError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  /** After a command run elsewhere (a dialog that shows its own refusal): the toast and the re-read. */
  const done = useCallback(
    async (success: string) => {
      message.success(success);
      const view = usePlanView.getState();
      if (view.planId) await view.load(view.planId, true);
    },
    [message],
  );
  return { run, done, busy };
}
