import { Steps } from 'antd';
import { useImportDraft } from '../../store/importDraft';
import { SourceStep } from './SourceStep';
import { ReviewStep } from './ReviewStep';

/** The import wizard: choose a file (or paste) → check and fix the parse → save as a plan. */
export function ImportPage() {
  const step = useImportDraft((s) => s.step);
  return (
    <div>
      <Steps
        current={step === 'source' ? 0 : 1}
        style={{ marginBottom: 16, maxWidth: 720 }}
        items={[{ title: '选择文件' }, { title: '核对任务' }, { title: '保存为计划' }]}
      />
      {step === 'source' ? <SourceStep /> : <ReviewStep />}
    </div>
  );
}
