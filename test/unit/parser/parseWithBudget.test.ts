/** The CLI parses in a worker thread under the app's budget (issue 11): a result, or a clear Chinese refusal. */
import { describe, expect, it } from 'vitest';
import { parseWithBudget } from '../../../cli/parseWithBudget';
import { BUDGET_EXCEEDED_MESSAGE, MEMORY_EXCEEDED_MESSAGE } from '../../../shared/parser/job';
import { DocumentRefusedError } from '../../../shared/parser/types';
import { documentBytes } from './readers/files';

const refusal = (p: Promise<unknown>): Promise<DocumentRefusedError> => p.then(() => Promise.reject(new Error('parsed')), (e: DocumentRefusedError) => e);

describe('parseWithBudget (the CLI importer)', () => {
  it('parses in its worker thread', async () => {
    const result = await parseWithBudget({ name: 'two-tables.docx', bytes: documentBytes('two-tables.docx') });
    expect(result.tasks.length).toBeGreaterThan(0);
  });

  it('refuses a file the worker cannot read, with the reader’s own message', async () => {
    const e = await refusal(parseWithBudget({ name: 'x.docx', bytes: documentBytes('zip-bomb.docx') }));
    expect(e).toBeInstanceOf(DocumentRefusedError);
    expect(e.reason).toBe('hostile');
  });

  it('stops the worker past the time budget and says so in Chinese', async () => {
    const e = await refusal(parseWithBudget({ name: 'two-tables.docx', bytes: documentBytes('two-tables.docx') }, { ms: 1, memoryMb: 1024 }));
    expect(e).toBeInstanceOf(DocumentRefusedError);
    expect(e.message).toBe(BUDGET_EXCEEDED_MESSAGE);
  });

  it('stops a worker that runs out of its heap and says so in Chinese', async () => {
    const big = new TextEncoder().encode(`${'一、加强组织领导，完成重点任务（市财政局牵头）\n'.repeat(400_000)}`);
    const e = await refusal(parseWithBudget({ name: 'big.txt', bytes: big }, { ms: 60_000, memoryMb: 8 }));
    expect(e).toBeInstanceOf(DocumentRefusedError);
    expect(e.message).toBe(MEMORY_EXCEEDED_MESSAGE);
  });
});
