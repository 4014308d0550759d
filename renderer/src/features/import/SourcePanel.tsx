import { Card, Typography } from 'antd';
import { rowsOfWarning } from '../../../../shared/tracking/importDraft';
import { useImportDraft } from '../../store/importDraft';

/**
 * The original text the focused task was read from, beside the parse, with the warnings about that task (a note
 * read only partly, a page cut off). A task is focused from its row's 原文 icon or from a warning.
 */
export function SourcePanel() {
  const rows = useImportDraft((s) => s.rows);
  const warnings = useImportDraft((s) => s.warnings);
  const focusKey = useImportDraft((s) => s.focusKey);
  const row = rows.find((r) => r.key === focusKey);
  if (!row) return null;
  const own = warnings.filter((w) => rowsOfWarning(rows, w).includes(row.key));
  return (
    <Card size="small" title={`原文：第 ${row.number} 项`} style={{ marginBottom: 12 }} data-testid="source-panel">
      {
        <>
          {row.source ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto', fontSize: 13, marginBottom: 8 }} data-testid="source-text">
              {row.source.text}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">此项为手工添加，没有原文。</Typography.Text>
          )}
          {own.map((w) => (
            <Typography.Paragraph key={w.message} type="warning" style={{ fontSize: 12, marginBottom: 4 }}>
              {w.message}
            </Typography.Paragraph>
          ))}
        </>
      }
    </Card>
  );
}
