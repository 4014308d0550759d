import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, unitId, type RequestEvent, type ServiceRequest } from '../../../shared/model';
import { buildRequestLedgerXlsx, ledgerRows, REQUEST_LEDGER_HEADERS } from '../../../shared/requests/ledger';
import { buildRoutingSlipDocx } from '../../../shared/requests/routingSlip';

/** Exports land here for a person to open in LibreOffice and look at. */
const OUT = join(process.cwd(), '.cache', 'exports');

const LEAD = '市药监局科标处';
const plan = buildPlanRecords(
  { title: '服务区县生物医药产业常态化联络机制工作实施方案', docNumber: '渝药监〔2024〕69号', issuer: null, date: '2024-10-10', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, tasks: [] },
  { stamp: formatStamp(1, 0, 'lead'), office: LEAD, device: 'lead', now: new Date('2024-10-10T00:00:00Z') },
).plan;

let clock = 100;
const stamp = (d = 'a') => formatStamp(clock++, 0, d);

function request(office: string, seq: number, fields: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id: `req_${String(seq).padStart(4, '0')}${office.length}000000000000`,
    stamp: stamp(),
    by: office,
    planId: plan.id,
    office,
    prefix: office === '市药审中心' ? '药审' : '一检',
    year: 2024,
    seq,
    source: 'district',
    sourceName: '巴南区市场监管局',
    requester: '王五',
    contact: '13800000000',
    receivedOn: '2024-11-01',
    subject: '第二类医疗器械注册咨询',
    content: '企业咨询第二类医疗器械注册检验、临床评价和现场核查的时间安排，希望提前介入指导。',
    attachments: [],
    urgency: 'normal',
    ...fields,
  };
}

function step(r: ServiceRequest, actor: string, kind: RequestEvent['kind'], fields: Partial<RequestEvent> = {}): RequestEvent {
  return { id: `rqe_${String(clock).padStart(16, '0')}`, stamp: stamp(), by: actor, planId: plan.id, requestId: r.id, kind, unitId: unitId(actor), actor, date: '2024-11-05', text: '', ...fields };
}

const routeTo = (r: ServiceRequest, handler: string, due = '2024-11-30') =>
  step(r, r.office, 'route', { handler, handlerUnitId: unitId(handler), dueDate: due, signer: '李四', text: '请按职责办理' });

function sample() {
  const a = request('市药监局第一检查局', 1);
  const b = request('市药监局第一检查局', 2, { source: 'enterprise', sourceName: '重庆某生物制药有限公司', subject: '新建生产线GMP符合性检查', urgency: 'urgent' });
  const c = request('市药审中心', 1, { source: 'park', sourceName: '重庆国际生物城', subject: '园区公共检验平台建设' });
  const d = request('市药审中心', 2, { sourceName: '大渡口区市场监管局', subject: '药品零售企业跨区连锁', receivedOn: '2024-10-15' });
  const events = [
    routeTo(a, '市药监局医疗器械注册处'),
    step(a, '市药监局医疗器械注册处', 'dispose', { disposition: 'immediate', text: '组织专人上门指导，明确注册检验时间表' }),
    step(a, '市药监局医疗器械注册处', 'close', { date: '2024-11-10', reply: '已上门指导并出具书面意见', satisfaction: 'satisfied' }),
    routeTo(b, '市药监局药品生产处'),
    step(b, '市药监局药品生产处', 'dispose', { disposition: 'study', solution: '拟开通GMP检查绿色通道', meeting: 'party-group', meetingDate: '2024-11-12', decision: '同意试行绿色通道' }),
    routeTo(c, '市药检院'),
    step(c, '市药检院', 'dispose', { disposition: 'other-body', body: '市经济信息委', channel: '“八张问题清单”数字平台', text: '已推送市经济信息委统筹平台建设资金' }),
    routeTo(d, '市药监局药品流通处', '2024-11-10'),
  ];
  return { requests: [a, b, c, d], events };
}

describe('request ledgers and the routing slip', () => {
  it('the three ledgers hold the rows of their scope, and the .xlsx has exactly those rows', async () => {
    const { requests, events } = sample();
    const today = '2024-11-20';
    const all = ledgerRows({ plan, requests, events, today, scope: { kind: 'all' } });
    const region = ledgerRows({ plan, requests, events, today, scope: { kind: 'office', office: '市药审中心' } });
    const handler = ledgerRows({ plan, requests, events, today, scope: { kind: 'handler', unitId: unitId('市药检院'), name: '市药检院' } });
    expect(all.map((r) => r.number)).toEqual(['一检-2024-001', '一检-2024-002', '药审-2024-001', '药审-2024-002']);
    expect(region.map((r) => r.number)).toEqual(['药审-2024-001', '药审-2024-002']);
    expect(handler.map((r) => r.number)).toEqual(['药审-2024-001']);
    expect(all[3]!.overdue).toBe(true);

    mkdirSync(OUT, { recursive: true });
    for (const [name, scope] of [
      ['总台账', { kind: 'all' }],
      ['区域台账', { kind: 'office', office: '市药审中心' }],
      ['办理台账', { kind: 'handler', unitId: unitId('市药检院'), name: '市药检院' }],
    ] as const) {
      const bytes = await buildRequestLedgerXlsx({ plan, requests, events, today, scope });
      writeFileSync(join(OUT, `诉求${name}.xlsx`), bytes);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(3).getCell(1).value).toBe(REQUEST_LEDGER_HEADERS[0]);
      const numbers: string[] = [];
      for (let r = 4; r <= ws.rowCount; r++) numbers.push(String(ws.getRow(r).getCell(2).value ?? ''));
      const expected = ledgerRows({ plan, requests, events, today, scope }).map((x) => x.number);
      expect(numbers).toEqual(expected);
    }
  });

  it('the 签转单 carries 事项, 来源, 承办部门, 办理时限, 签转人 and 日期', async () => {
    const { requests, events } = sample();
    const bytes = await buildRoutingSlipDocx({ request: requests[1]!, route: events[3]! });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, '签转单.docx'), bytes);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['区县联络服务事项签转单', '编号：一检-2024-002', '新建生产线GMP符合性检查', '重庆某生物制药有限公司', '市药监局药品生产处', '2024-11-30', '李四', '2024-11-05']) {
      expect(text).toContain(s);
    }
  });
});
