import { describe, expect, it } from 'vitest';
import { blocksFromPages, layoutPage, layoutPages, type PageGeometry, type Segment, type TextItem } from '../../../../shared/parser/readers/pdfLayout';
import { expectRefused, fixtureBytes, paragraphs, readNamed, tables } from './files';

const item = (str: string, x: number, y: number, size = 10): TextItem => ({ str, x, y, width: [...str].length * size, size });
const h = (y: number, a: number, b: number): Segment => ({ dir: 'h', at: y, a, b });
const v = (x: number, a: number, b: number): Segment => ({ dir: 'v', at: x, a, b });

/** A grid of rules: every horizontal rule spans the table except where `open` says a column is merged down. */
function grid(xs: number[], ys: number[], open: { row: number; col: number }[] = []): Segment[] {
  const segs: Segment[] = xs.map((x) => v(x, ys[ys.length - 1]!, ys[0]!));
  ys.forEach((y, r) => {
    for (let c = 0; c < xs.length - 1; c++) if (!open.some((o) => o.row === r && o.col === c)) segs.push(h(y, xs[c]!, xs[c + 1]!));
  });
  return segs;
}

describe('pdf layout (geometry to blocks)', () => {
  it('rebuilds a ruled table with a vertically merged cell and wrapped cell text', () => {
    const page: PageGeometry = {
      width: 595,
      height: 842,
      segments: grid([50, 100, 300, 400], [700, 680, 640, 620], [{ row: 2, col: 1 }]),
      items: [
        item('序号', 52, 686), item('内容', 102, 686), item('牵头', 302, 686),
        item('1', 52, 660), item('第一项任务的内容', 102, 665), item('很长需要换行', 102, 652), item('市市场', 302, 665), item('监管局', 302, 652),
        item('2', 52, 626), item('市财政局', 302, 626),
      ],
    };
    const blocks = blocksFromPages([layoutPage(page)]);
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['序号', '内容', '牵头'],
          ['1', '第一项任务的内容很长需要换行', '市市场监管局'],
          ['2', '第一项任务的内容很长需要换行', '市财政局'],
        ],
        merged: [
          [false, false, false],
          [false, false, false],
          [false, true, false],
        ],
      },
    ]);
  });

  it('joins a table across pages: drops the repeated header and rejoins a row split by the page break', () => {
    const xs = [50, 100, 300];
    const page1: PageGeometry = {
      width: 595, height: 842,
      segments: grid(xs, [700, 680, 660, 640]),
      items: [item('序号', 52, 686), item('内容', 102, 686), item('1', 52, 666), item('任务一', 102, 666), item('2', 52, 646), item('任务二的前半', 102, 646)],
    };
    const page2: PageGeometry = {
      width: 595, height: 842,
      segments: grid(xs, [800, 780, 760, 740]),
      items: [item('序号', 52, 786), item('内容', 102, 786), item('后半', 102, 766), item('3', 52, 746), item('任务三', 102, 746), item('- 2 -', 280, 30)],
    };
    const blocks = blocksFromPages([layoutPage(page1), layoutPage(page2)]);
    expect(blocks).toEqual([
      { kind: 'table', rows: [['序号', '内容'], ['1', '任务一'], ['2', '任务二的前半后半'], ['3', '任务三']] },
    ]);
  });

  it('joins body lines into paragraphs by gaps, short last lines and indents', () => {
    const page: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [
        item('关于印发若干措施的通知', 150, 800, 16),
        item('一、总体目标', 50, 770, 19),
        item('第一段第一行，写满了整整一行的文字内容，继续写满这一行的', 50, 745, 19),
        item('第一段第二行。', 50, 720, 19),
        item('二、重点任务', 50, 690, 19),
      ],
    };
    expect(blocksFromPages([layoutPage(page)])).toEqual([
      { kind: 'paragraph', text: '关于印发若干措施的通知' },
      { kind: 'paragraph', text: '一、总体目标' },
      { kind: 'paragraph', text: '第一段第一行，写满了整整一行的文字内容，继续写满这一行的第一段第二行。' },
      { kind: 'paragraph', text: '二、重点任务' },
    ]);
  });
});

describe('pdf reader', () => {
  it('reads a generated ruled table across two pages through pdf.js', async () => {
    const doc = await readNamed('ruled-table.pdf');
    expect(doc.format).toBe('pdf');
    expect(paragraphs(doc)).toEqual(['Test measures', 'Annex: task table']);
    expect(tables(doc)).toEqual([
      {
        kind: 'table',
        rows: [
          ['No', 'Item', 'Content', 'Lead'],
          ['1', 'Group A', 'Task one', 'Office X'],
          ['2', 'Group A', 'Task two', 'Office Y'],
          ['3', 'Group B', 'Task three starts and ends here', 'Office Z'],
          ['4', 'Group B', 'Task four', 'Office W'],
        ],
        merged: [
          [false, false, false, false],
          [false, false, false, false],
          [false, true, false, false],
          [false, false, false, false],
          [false, true, false, false],
        ],
      },
    ]);
  });

  it('gives the 002 fixture exactly the blocks of its .docx: paragraphs across pages, the table across pages, text past the page edge', async () => {
    const pdf = await readNamed('002_full.pdf', fixtureBytes('002_full.pdf'));
    const docx = await readNamed('002_full.docx', fixtureBytes('002_full.docx'));
    expect(pdf.blocks).toEqual(docx.blocks);
  });

  it('reads a table on a page rotated to landscape (/Rotate 90) upright', async () => {
    expect(tables(await readNamed('rotated-table.pdf'))).toEqual([
      { kind: 'table', rows: [['No', 'Item', 'Content', 'Lead'], ['1', 'Group A', 'Task one', 'Office X'], ['2', 'Group B', 'Task two', 'Office Y']] },
    ]);
  });

  it('decodes Chinese text in a non-embedded font with a predefined CJK encoding (character maps found in Node)', async () => {
    expect(paragraphs(await readNamed('cjk-cmap.pdf'))).toEqual(['中山门']);
  });

  it('refuses a password-protected PDF and a truncated one', async () => {
    const encrypted = await expectRefused(readNamed('encrypted.pdf'), 'encrypted');
    expect(encrypted.message).toContain('密码');
    await expectRefused(readNamed('truncated.pdf'), 'damaged');
    await expectRefused(readNamed('header.pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF')), 'damaged');
  });
});

describe('pdf layout without drawn rules', () => {
  const header = [item('序号', 50, 700), item('具体内容', 150, 700), item('牵头单位', 400, 700)];

  it('takes columns from the header row and rows from the numbers, joining wrapped lines (top-aligned)', () => {
    const page: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [
        item('附件：任务分解表', 50, 740),
        ...header,
        item('1', 50, 680), item('第一项任务的内容比较长', 100, 680), item('市市场监管局', 400, 680),
        item('需要换行显示', 100, 666),
        item('2', 50, 646), item('第二项任务', 100, 646), item('市财政局', 400, 646),
        item('（此件公开发布）', 50, 560),
      ],
    };
    expect(blocksFromPages([layoutPage(page)])).toEqual([
      { kind: 'paragraph', text: '附件：任务分解表' },
      {
        kind: 'table',
        rows: [
          ['序号', '具体内容', '牵头单位'],
          ['1', '第一项任务的内容比较长需要换行显示', '市市场监管局'],
          ['2', '第二项任务', '市财政局'],
        ],
      },
      { kind: 'paragraph', text: '（此件公开发布）' },
    ]);
  });

  it('assigns lines to the nearest number when numbers sit mid-row (vertically centred cells)', () => {
    const page: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [
        ...header,
        item('第一项任务的内容比较长', 100, 684), item('市市场', 400, 684),
        item('1', 50, 677), item('需要换行显示', 100, 670), item('监管局', 400, 670),
        item('第二项任务', 100, 640), item('2', 50, 640), item('市财政局', 400, 640),
      ],
    };
    const [table] = blocksFromPages([layoutPage(page)]);
    expect(table).toEqual({
      kind: 'table',
      rows: [
        ['序号', '具体内容', '牵头单位'],
        ['1', '第一项任务的内容比较长需要换行显示', '市市场监管局'],
        ['2', '第二项任务', '市财政局'],
      ],
    });
  });

  it('joins a header wrapped onto two lines, and continues the table on a page without a header', () => {
    const page1: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [
        item('序号', 50, 700), item('具体内容', 100, 700), item('牵头', 400, 700), item('配合', 480, 700),
        item('单位', 400, 688), item('单位', 480, 688),
        item('1', 50, 668), item('任务一', 100, 668), item('市市场监管局', 400, 668), item('各镇街', 480, 668),
        item('2', 50, 648), item('任务二的前半部分', 100, 648), item('市财政局', 400, 648),
      ],
    };
    const page2: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [
        item('的后半部分', 100, 800), item('市教育局', 480, 800),
        item('3', 50, 780), item('任务三', 100, 780), item('市卫生健康局', 400, 780),
      ],
    };
    expect(blocksFromPages(layoutPages([page1, page2]))).toEqual([
      {
        kind: 'table',
        rows: [
          ['序号', '具体内容', '牵头单位', '配合单位'],
          ['1', '任务一', '市市场监管局', '各镇街'],
          ['2', '任务二的前半部分的后半部分', '市财政局', '市教育局'],
          ['3', '任务三', '市卫生健康局', ''],
        ],
      },
    ]);
  });

  it('leaves lines as paragraphs when there is no header row', () => {
    const page: PageGeometry = {
      width: 595, height: 842, segments: [],
      items: [item('1', 50, 680), item('任务', 100, 680), item('2', 50, 660), item('任务', 100, 660)],
    };
    expect(blocksFromPages([layoutPage(page)]).every((b) => b.kind === 'paragraph')).toBe(true);
  });
});

describe('pdf running headers and footers', () => {
  it('drops margin text repeated on most pages (print date, URL, page x/y) and keeps the body', async () => {
    const { dropRunningLines } = await import('../../../../shared/parser/readers/pdfLayout');
    const page = (n: number, body: string): PageGeometry => ({
      width: 595, height: 842, segments: [],
      items: [
        item(`2022/12/${n} 下午3:0${n}`, 30, 820), item('中山市人民政府门户网站', 300, 820),
        item(body, 50, 700),
        item(`http://www.zs.gov.cn/zwgk/${n}.html`, 30, 20), item(`${n}/3`, 540, 20),
      ],
    });
    const pages = dropRunningLines([page(1, '第一页正文'), page(2, '第二页正文'), page(3, '第三页正文')]);
    expect(blocksFromPages(pages.map((p) => layoutPage(p))).map((b) => b.kind === 'paragraph' && b.text)).toEqual(['第一页正文', '第二页正文', '第三页正文']);
  });
});
