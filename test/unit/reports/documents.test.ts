import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unitId, type Action } from '../../../shared/model';
import { returnInForce } from '../../../shared/tracking/reporting';
import { computeStandings } from '../../../shared/tracking/standing';
import { planFigures, summarizeLeadUnits } from '../../../shared/reports/supervisor';
import { periodNoticeData, urgeData, unitReportData } from '../../../shared/reports/paperData';
import { buildNoticeDocx } from '../../../shared/reports/docs/notice';
import { buildUrgeDocx } from '../../../shared/reports/docs/urge';
import { buildUnitReportDocx } from '../../../shared/reports/docs/unitReport';
import { chineseNumber, planReference } from '../../../shared/reports/docs/common';
import { chineseDate } from '../../../shared/reports/chineseDate';
import { PAPER_PERIOD, PAPER_TODAY, seed002WithReports } from './paperFixtures';

const data = seed002WithReports();
const input = { ...data, today: PAPER_TODAY, period: PAPER_PERIOD };
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const RETURN_SHAPE: Omit<Action, 'id' | 'stamp' | 'planId' | 'taskId' | 'unitId'> = { by: '市市场监管局', kind: 'return', text: '佐证材料不足', date: PAPER_TODAY, newDeadline: null };

function docxParts(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name]!);
  return { files, document: text('word/document.xml'), settings: text('word/settings.xml'), footers: Object.keys(files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(text) };
}

/** The runs of a document: font (eastAsia) and size (half points) with their text. */
function runsOf(xml: string): { font: string; size: number; text: string }[] {
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => ({
    font: /w:eastAsia="([^"]+)"/.exec(m[1]!)?.[1] ?? '',
    size: Number(/<w:sz w:val="(\d+)"/.exec(m[1]!)?.[1] ?? 0),
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

describe('公文 layout (GB/T 9704) in the .docx', () => {
  it('A4 with 37/35/28/26 mm margins, odd/even page numbers "— N —", title 2号小标宋, body 3号仿宋, headings 黑体/楷体', async () => {
    const { document, settings, footers } = docxParts(await buildNoticeDocx(input));
    const sect = /<w:sectPr[^>]*>.*?<\/w:sectPr>/.exec(document)![0];
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(/<w:pgMar[^>]*>/.exec(sect)![0])![1]);
    const mm = (twips: number) => Math.round((twips / 1440) * 25.4);
    expect([mm(margin('top')), mm(margin('bottom')), mm(margin('left')), mm(margin('right'))]).toEqual([37, 35, 28, 26]);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers.length).toBeGreaterThanOrEqual(2);
    expect(footers.filter((f) => f.includes('w:jc w:val="right"')).length).toBeGreaterThan(0);
    expect(footers.filter((f) => f.includes('w:jc w:val="left"')).length).toBeGreaterThan(0);
    for (const f of footers) expect(f).toMatch(/— .*PAGE.* —/s);
    const runs = runsOf(document);
    const title = runs.find((r) => r.text.includes('督办通报'))!;
    expect(title).toMatchObject({ font: '方正小标宋简体', size: 44 });
    expect(runs.find((r) => r.text.startsWith('根据'))).toMatchObject({ font: '仿宋_GB2312', size: 32 });
    expect(runs.find((r) => r.text === '一、总体情况')).toMatchObject({ font: '黑体', size: 32 });
    expect(runs.find((r) => r.text.startsWith('（一）'))).toMatchObject({ font: '楷体_GB2312', size: 32 });
    // Chinese dates and the plan's 文号; no Latin letters in the document's own words.
    const body = runs.map((r) => r.text).join('');
    expect(body).toContain('2024年12月20日');
    expect(body).toContain('（中府办〔2022〕36号）');
  });

  it('the 通报 figures equal the rows behind them (the same figures and standings the supervisor view shows)', async () => {
    const standings = computeStandings(input);
    const notice = periodNoticeData(input);
    const live = data.tasks.filter((t) => !t.deleted);
    const plan = planFigures({ ...input, standings });
    expect(notice.figures.tasks).toBe(plan.total.value);
    expect(notice.figures.tasks).toBe(63);
    expect(notice.figures.overdue).toBe(plan.overdue.value);
    expect(notice.figures.overdue).toBe(live.filter((t) => standings.get(t.id)!.overdue).length);
    expect(notice.figures.claimedDone).toBe(plan.awaitingConfirm.value);
    expect(notice.figures.confirmed).toBe(live.filter((t) => standings.get(t.id)!.confirmed).length);
    expect(notice.figures.byStatus.delayed).toBe(live.filter((t) => standings.get(t.id)!.status === 'delayed').length);
    // 逾期 and 滞后 are different things: a task reported 滞后 before its deadline is not overdue.
    expect(notice.figures.overdue).not.toBe(notice.figures.byStatus.delayed);
    // Each lead unit's paragraph lists exactly the tasks behind its 逾期 and 滞后 counts on the supervisor view.
    const summaries = new Map(summarizeLeadUnits({ ...input, standings }).map((s) => [s.unitId, s]));
    for (const u of notice.leadUnits) {
      expect(u.overdue.length).toBe(summaries.get(u.unitId)!.overdue);
      expect(u.delayed.length).toBe(summaries.get(u.unitId)!.delayed);
    }
    // Who did not report the period: the one reporting-state rule (after the due day).
    const later = periodNoticeData({ ...input, today: '2025-01-05' });
    expect(later.notDue).toBe(false);
    expect(later.notReported.length).toBeGreaterThan(0);
    for (const u of later.notReported) expect(later.leadUnits.find((x) => x.unitId === u.unitId)!.reporting).toBe('missing');
    // On the due day nobody is late yet.
    expect(notice.notDue).toBe(true);
    expect(notice.notReported).toEqual([]);
    const text = runsOf(docxParts(await buildNoticeDocx({ ...input, today: '2025-01-05' })).document).map((r) => r.text).join('');
    expect(text).toContain(`共分解任务63项`);
    for (const u of later.leadUnits) {
      expect(text).toContain(`${u.name}。牵头任务${u.led}项`);
      for (const t of [...u.delayed, ...u.overdue]) expect(text).toContain(`第${t.number}项“`);
    }
    for (const u of later.notReported) expect(text).toContain(u.name);
    expect(text).toContain(`共${later.notReported.length}个单位未报送`);
  });

  it('催办通知单 lists the unit’s overdue and (once due) unreported tasks, and a 回执', async () => {
    const standings = computeStandings(input);
    const now = urgeData({ ...input, unitId: market });
    const overdue = data.tasks.filter((t) => t.lead.includes(market) && standings.get(t.id)!.overdue).map((t) => t.number);
    // On the due day itself nothing is "unreported" yet.
    expect(now.items.map((i) => i.number)).toEqual(overdue);
    const later = urgeData({ ...input, today: '2025-01-05', unitId: market });
    const unreported = data.tasks.filter(
      (t) => t.lead.includes(market) && !data.reports.some((r) => r.taskId === t.id && r.unitId === market && r.period === PAPER_PERIOD),
    );
    for (const t of unreported) if (computeStandings({ ...input, today: '2025-01-05' }).get(t.id)!.status !== 'done') expect(later.items.find((i) => i.number === t.number)?.unreported).toBe(true);
    const text = runsOf(docxParts(await buildUrgeDocx({ ...input, unitId: market })).document).map((r) => r.text).join('');
    expect(text).toContain('市市场监管局：');
    expect(text).toContain('回　执');
    expect(text).toContain('2024年12月27日前'); // a week to reply
    for (const n of overdue) expect(text).toContain(`逾期`);
  });

  it('催办通知单 with nothing overdue or missing says only what is true of the period’s reports', async () => {
    // A unit none of whose tasks is overdue: before the due day, its unreported tasks are counted, never called 已报送.
    const lead = data.units.find((u) => {
      const d = urgeData({ ...input, unitId: u.id });
      return d.items.length === 0 && d.owed > d.filed;
    });
    expect(lead).toBeDefined();
    const d = urgeData({ ...input, unitId: lead!.id });
    const text = runsOf(docxParts(await buildUrgeDocx({ ...input, unitId: lead!.id })).document).map((r) => r.text).join('');
    expect(text).not.toContain('均已报送');
    expect(text).toContain(`目前已报送 ${d.filed} 项、尚未报送 ${d.owed - d.filed} 项，请按时报送`);
  });

  it('进展情况报告 says a report sent back (退回) is returned, as the screen does, until the unit reports again', async () => {
    const own = data.reports.find((r) => r.unitId === health && r.period === PAPER_PERIOD)!;
    const ret: Action = { ...RETURN_SHAPE, id: 'act_return_1', stamp: `${own.stamp.slice(0, 15).replace(/\d$/, '9')}9-99999-zz`, planId: own.planId, taskId: own.taskId, unitId: health };
    expect(ret.stamp > own.stamp).toBe(true);
    const report = unitReportData({ ...input, actions: [...data.actions, ret], unitId: health });
    const item = report.items.find((i) => i.report?.id === own.id)!;
    expect(item.statusText).toMatch(/（已退回，待重新报送）$/);
    expect(report.byStatus.find((b) => b.label === '已退回待重报')?.count).toBe(1);
    // A 退回 addressed to another unit, or made before the report, leaves it as it is.
    const task = data.tasks.find((t) => t.id === own.taskId)!;
    expect(returnInForce(task, health, own.stamp, [{ ...ret, unitId: market }])).toBeNull();
    expect(returnInForce(task, health, `${ret.stamp}z`, [ret])).toBeNull();
  });

  it('进展情况报告 is built from the unit’s own reports of the period', async () => {
    const report = unitReportData({ ...input, unitId: health });
    const own = data.reports.filter((r) => r.unitId === health && r.period === PAPER_PERIOD);
    expect(report.reported).toBe(own.length);
    expect(report.items.filter((i) => i.report).map((i) => i.report!.id).sort()).toEqual(own.map((r) => r.id).sort());
    const doc = docxParts(await buildUnitReportDocx({ ...input, unitId: health })).document;
    const text = runsOf(doc).map((r) => r.text).join('');
    expect(text).toContain('市卫生健康局关于2024年第四季度《中山市全面加强药品监管能力建设若干措施》落实情况的报告');
    expect(text).toContain('市市场监管局：'); // addressed to the plan's supervisor
    for (const r of own) expect(text).toContain(r.progress);
  });

  it('Chinese numbers, dates and plan references', () => {
    expect([1, 10, 11, 20, 23, 99, 100, 105, 110, 63].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十三', '九十九', '一百', '一百零五', '一百一十', '六十三']);
    expect(chineseDate('2024-01-05')).toBe('2024年1月5日');
    expect(planReference({ title: '若干措施', docNumber: null })).toBe('《若干措施》');
    expect(planReference({ title: '《若干措施》', docNumber: '中府办〔2022〕36号' })).toBe('《若干措施》（中府办〔2022〕36号）');
  });
});
