import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { RequestEvent, ServiceRequest } from '../model/schemas';
import { SOURCE_LABELS, URGENCY_LABELS } from './labels';
import { requestNumber } from './numbering';

/**
 * 区县联络服务事项签转单 (seed 000, 附件3) as a Word document: one A4 page with the request's number, then a ruled
 * form — 事项, 来源, 诉求内容, 承办部门, 办理时限, 签转意见, 签转人, 日期 — and blank rows for the 承办部门 to write
 * its handling and sign by hand. Kept small and self-contained (only the `docx` package writes the XML).
 */
const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const FONT_LABEL = '黑体';
const half = (pt: number) => Math.round(pt * 2);
const mm = (v: number) => Math.round((v * 1440) / 25.4);

const run = (text: string, font = FONT_BODY, size = 14) => new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: half(size) });

function cell(text: string, opts: { label?: boolean; span?: number; height?: number; width: number }): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    columnSpan: opts.span,
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: opts.label ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 80, bottom: 80, left: 120, right: 120 },
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: opts.label ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: 360, before: 0, after: 0 },
          children: [run(l, opts.label ? FONT_LABEL : FONT_BODY, opts.label ? 14 : 14)],
        }),
    ),
  });
}

export interface RoutingSlipInput {
  request: ServiceRequest;
  /** The 签转 step the slip records. */
  route: RequestEvent;
}

/** The body width of an A4 page with 25 mm side margins, in twips. */
const BODY = mm(210 - 50);
const LABEL = mm(30);
const VALUE = mm(50);

export async function buildRoutingSlipDocx({ request, route }: RoutingSlipInput): Promise<Uint8Array> {
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const wide = BODY - LABEL;
  const row = (label: string, value: string, height = 0) =>
    new TableRow({
      height: height ? { value: height, rule: 'atLeast' } : undefined,
      children: [cell(label, { label: true, width: LABEL }), cell(value, { span: 3, width: wide })],
    });
  const pair = (l1: string, v1: string, l2: string, v2: string) =>
    new TableRow({
      children: [cell(l1, { label: true, width: LABEL }), cell(v1, { width: VALUE }), cell(l2, { label: true, width: LABEL }), cell(v2, { width: BODY - 2 * LABEL - VALUE })],
    });
  // One line each: the source, the requester with the phone number, the office with the date first (so that neither
  // a name, a number nor a date is ever broken across lines).
  const requester = [request.requester, request.contact].filter(Boolean).join('  ');
  const source = [`${SOURCE_LABELS[request.source]}：${request.sourceName}`, requester ? `诉求人：${requester}` : '', `受理：${request.receivedOn}，${request.office}`]
    .filter(Boolean)
    .join('\n');
  const table = new Table({
    width: { size: BODY, type: WidthType.DXA },
    columnWidths: [LABEL, VALUE, LABEL, BODY - 2 * LABEL - VALUE],
    borders,
    rows: [
      row('事  项', request.subject, mm(12)),
      row('来  源', source, mm(16)),
      row('诉求内容', request.content, mm(45)),
      pair('承办部门', route.handler ?? '', '办理时限', route.dueDate ?? ''),
      pair('紧急程度', URGENCY_LABELS[request.urgency], '附  件', request.attachments.length ? `${request.attachments.length} 件` : '无'),
      row('签转意见', route.text || '请按职责办理，并于办理时限前反馈办理结果。', mm(22)),
      pair('签 转 人', route.signer ?? '', '日  期', route.date),
      row('办理情况\n（承办部门填写）', '', mm(45)),
      pair('承办人', '', '办结日期', ''),
    ],
  });
  const doc = new Document({
    creator: '任务分解台账',
    title: '区县联络服务事项签转单',
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(30), bottom: mm(25), left: mm(25), right: mm(25) } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run('区县联络服务事项签转单', FONT_TITLE, 22)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [run(`编号：${requestNumber(request)}`, FONT_BODY, 12)] }),
          table,
          new Paragraph({ spacing: { before: 160 }, children: [run('注：本单一式两份，签转单位、承办部门各存一份；办结后由承办部门将办理结果反馈受理单位。', FONT_BODY, 10.5)] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
