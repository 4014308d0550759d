import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { buildRequestLedgerXlsx, ledgerRows, REQUEST_LEDGER_HEADERS, requestLedgerTitle, type RequestLedgerScope } from '../../../shared/requests/ledger';
import { buildRoutingSlipDocx } from '../../../shared/requests/routingSlip';
import { plan, sample } from './requestFixtures';

/** Exports land here for a person to open in LibreOffice and look at. */
const OUT = join(process.cwd(), '.cache', 'exports');

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

  it('a ledger’s title names the requester kinds in it, not always 区县', async () => {
    const { requests, events } = sample();
    const today = '2024-11-20';
    const as = (source: (typeof requests)[number]['source']) => requests.map((r) => ({ ...r, source }));
    const titleOf = async (reqs: typeof requests, scope: RequestLedgerScope = { kind: 'all' }) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await buildRequestLedgerXlsx({ plan, requests: reqs, events, today, scope })).buffer as ArrayBuffer);
      const title = String(wb.worksheets[0]!.getRow(1).getCell(1).value);
      expect(title).toBe(requestLedgerTitle(ledgerRows({ plan, requests: reqs, events, today, scope }), scope));
      return title;
    };
    expect(await titleOf(as('enterprise'))).toBe('服务企业诉求事项总台账');
    expect(await titleOf(as('district'))).toBe('服务区县诉求事项总台账');
    expect(await titleOf(as('park'), { kind: 'office', office: '市药审中心' })).toBe('服务园区诉求事项市药审中心区域台账');
    const mixed = requests.map((r, i) => ({ ...r, source: (['enterprise', 'district', 'enterprise', 'district'] as const)[i % 4]! }));
    expect(await titleOf(mixed)).toBe('服务区县、企业诉求事项总台账');
    const withOther = requests.map((r, i) => ({ ...r, source: i === 0 ? ('other' as const) : ('park' as const) }));
    expect(await titleOf(withOther)).toBe('服务园区等诉求事项总台账');
    expect(await titleOf(as('other'))).toBe('诉求事项总台账');
    // An empty ledger claims no requester kind.
    expect(await titleOf(requests, { kind: 'office', office: '无此单位' })).toBe('诉求事项无此单位区域台账');
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
