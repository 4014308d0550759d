import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, App } from 'antd';
import { getDatabase } from '../../../db/database';
import { createPlanFromForm, InputRefusedError } from '../../../db/plans';
import type { NewPlanInput } from '../../../../shared/model';

/** A plain form that saves a plan with its first task. Validation lives in shared/model/newPlan.ts. */
export function NewPlanForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  async function submit(values: NewPlanInput) {
    setSaving(true);
    setError(null);
    try {
      const plan = await createPlanFromForm(getDatabase(), values);
      message.success(`已保存计划「${plan.title}」，可在“维护计划”中继续添加任务`);
      onDone();
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="新建计划">
      <Form layout="vertical" onFinish={submit} style={{ maxWidth: 720 }} requiredMark={false}>
        <Form.Item label="计划名称" name="title">
          <Input placeholder="例如：某市全面加强药品监管能力建设若干措施" />
        </Form.Item>
        <Form.Item label="文号" name="docNumber">
          <Input placeholder="例如：中府办〔2022〕36号（可不填）" />
        </Form.Item>
        <Form.Item label="第一项任务的具体内容" name="taskContent">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="牵头单位" name="lead">
          <Input placeholder="多个单位用顿号分隔" />
        </Form.Item>
        <Form.Item label="配合单位" name="support">
          <Input placeholder="多个单位用顿号分隔（可不填）" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存计划
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
