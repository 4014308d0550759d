import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice, type Office } from './browser';
import { identityRow, SCREENSHOT_DIR, seedDatabase } from './seed';
import { LEAD as FIXTURE_LEAD, plan as fixturePlan, sample } from '../unit/requests/requestFixtures';
import { enroll, exportAll, exportEnrollment, importFiles, ownFingerprint, settle } from './syncSteps';

/**
 * Seed 000 run as the document describes: the lead office (科标处) issues the liaison mechanism; a liaison office
 * (第一检查局) registers requests from two districts and a firm, routes them (to itself and to 药品注册处), the offices
 * handle them with each of the four dispositions and close them; files carry everything between the three PCs; the
 * three ledgers are exported and read back; the quarterly 区域台账 shows as 已报 in the lead office's views.
 */
const SEED_000 = join(process.cwd(), 'test/fixtures/seeds/000_2cba0e95a52e0129.txt');
const LEAD = '市药监局科标处';
const LIAISON = '市药监局第一检查局';
const HANDLER = '市药监局药品注册处';

async function go(page: Page, screen: string) {
  await settle(page);
  await page.getByRole('menuitem', { name: screen }).click();
}

async function answerFirstRun(page: Page, office: string, role: RegExp) {
  await page.locator('#identity-office').fill(office);
  await page.locator('.ant-radio-label').filter({ hasText: role }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await page.getByTestId('identity-tag').filter({ hasText: office }).waitFor();
}

/** Row counts of some IndexedDB tables (to show a refused step wrote nothing). */
async function counts(page: Page, tables: string[]): Promise<Record<string, number>> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('taizhang');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, number> = {};
    for (const name of names) {
      out[name] = await new Promise<number>((resolve) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
      });
    }
    db.close();
    return out;
  }, tables);
}

const drawerOf = (page: Page): Locator => page.locator('.ant-drawer-section');

async function register(page: Page, f: { source: string; sourceName: string; subject: string; content: string }) {
  await go(page, '诉求事项');
  await page.getByTestId('register-request').click();
  const form = page.getByTestId('register-form');
  await form.waitFor();
  await form.locator('.ant-radio-wrapper').filter({ hasText: f.source }).click();
  await form.getByLabel('诉求单位').fill(f.sourceName);
  await form.getByPlaceholder('姓名').fill('张联络');
  await form.getByLabel('诉求事项').fill(f.subject);
  await form.getByLabel('诉求内容').fill(f.content);
  await page.getByTestId('register-submit').click();
  await page.getByText(/^已登记，编号/).last().waitFor();
  await drawerOf(page).getByText(f.subject).first().waitFor();
}

async function openRequest(page: Page, subject: string) {
  await go(page, '诉求事项');
  await page.getByTestId('request-table').getByText(subject, { exact: true }).click();
  await drawerOf(page).getByTestId('step-forms').or(drawerOf(page).getByText('暂无可办理的步骤')).first().waitFor();
}

async function closeDrawer(page: Page) {
  await settle(page);
  await page.locator('.ant-drawer-close').click();
  await drawerOf(page).waitFor({ state: 'hidden' });
}

async function chooseStep(page: Page, label: string) {
  await drawerOf(page).locator('.ant-segmented-item').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

async function fillDate(page: Page, label: string, value: string) {
  const input = drawerOf(page).getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function submitStep(page: Page, expectSuccess: RegExp) {
  await drawerOf(page).getByTestId('step-submit').click();
  await page.getByText(expectSuccess).last().waitFor();
}

async function route(page: Page, handler: string, due: string) {
  await chooseStep(page, '签转');
  await drawerOf(page).getByLabel('承办部门', { exact: true }).fill(handler);
  await fillDate(page, '办理时限', due);
  await drawerOf(page).getByLabel('签转人').fill('李签转');
  await submitStep(page, /^已签转/);
}

async function dispose(page: Page, disposition: string, fill: (d: Locator) => Promise<void>) {
  await chooseStep(page, '办理方式');
  await drawerOf(page).locator('.ant-radio-wrapper').filter({ hasText: disposition }).click();
  await fill(drawerOf(page));
  await submitStep(page, /^已办理方式/);
}

async function close(page: Page, reply: string, satisfaction = '满意') {
  await chooseStep(page, '办结');
  await drawerOf(page).getByLabel('答复内容').fill(reply);
  await drawerOf(page).locator('.ant-radio-wrapper').filter({ hasText: new RegExp(`^${satisfaction}$`) }).click();
  await submitStep(page, /^已办结/);
}

async function exportLedger(page: Page, kind: string, folder: string): Promise<string[]> {
  await go(page, '诉求事项');
  await page.getByTestId('ledger-kind').locator('.ant-segmented-item').filter({ hasText: kind }).click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-request-ledger').click();
  const d = await download;
  const path = join(folder, d.suggestedFilename());
  await d.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const subjects: string[] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).getCell(8).value;
    if (v) subjects.push(String(v));
  }
  return subjects;
}

const shot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(500); // let drawers, dialogs and toggles finish their animation
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
};

describe.skipIf(!e2eAvailable())('诉求事项 closed loop of seed 000 across three offices (Chromium)', () => {
  it('registers, routes, handles with all four dispositions, closes, syncs and exports the three ledgers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-requests-'));
    const offices: Office[] = [];
    try {
      // 科标处 imports the liaison mechanism (seed 000): candidates only, no assignments; quarterly cadence read.
      const lead = await openOffice({ downloadsDir: folder });
      offices.push(lead);
      await lead.page.setViewportSize({ width: 1366, height: 768 });
      await lead.page.getByText('还没有任何计划').waitFor();
      await lead.page.getByRole('button', { name: '导入文件' }).click();
      const chooser = lead.page.waitForEvent('filechooser');
      await lead.page.getByRole('button', { name: '选择文件…' }).click();
      await (await chooser).setFiles([SEED_000]);
      await lead.page.getByRole('button', { name: /保存为计划/ }).click();
      await lead.page.locator('#identity-office').fill(LEAD);
      await lead.page.getByText('督办（导入文件、检查各单位进展）').click();
      await lead.page.getByRole('button', { name: '确定并保存计划' }).click();
      // Its tasks without a lead (not marked 已核对) are confirmed as 未明确牵头单位.
      await lead.page.locator('.ant-modal-confirm').filter({ hasText: '还没有牵头单位' }).getByRole('button', { name: '仍然保存' }).click();
      await lead.page.getByText('已保存计划').waitFor();
      const planFile = await exportAll(lead.page, folder, '01-科标处-计划.tzsync');
      const leadFingerprint = await ownFingerprint(lead.page);

      // 第一检查局 (liaison office) and 药品注册处 (a 承办部门) receive the plan, confirming 科标处's roster by phone, and
      // enroll with 科标处 by 注册文件; 科标处's roster file then lets them write under the plan.
      const liaison = await openOffice({ downloadsDir: folder });
      offices.push(liaison);
      await liaison.page.setViewportSize({ width: 1366, height: 768 });
      const handler = await openOffice({ downloadsDir: folder });
      offices.push(handler);
      await handler.page.setViewportSize({ width: 1366, height: 768 });
      for (const [pc, office] of [[liaison, LIAISON], [handler, HANDLER]] as const) {
        await importFiles(pc.page, [planFile], leadFingerprint);
        await answerFirstRun(pc.page, office, /^部门填报/);
        const enrollment = await exportEnrollment(pc.page, folder, `注册-${office}.json`);
        await enroll(lead.page, enrollment, await ownFingerprint(pc.page));
      }
      const rosterFile = await exportAll(lead.page, folder, '01b-科标处-名册.tzsync');
      for (const pc of [liaison, handler]) await importFiles(pc.page, [rosterFile]);

      // 第一检查局 registers requests from two districts and a firm.
      const A = { source: '区县', sourceName: '巴南区市场监管局', subject: '药品经营许可证变更咨询', content: '辖区药品批发企业仓库地址变更，咨询许可变更办理流程和时限。' };
      const B = { source: '区县', sourceName: '江津区市场监管局', subject: '创新医疗器械优先审评支持', content: '区内重点企业第三类创新医疗器械拟申请优先审评，请求提前介入指导。' };
      const C = { source: '企业', sourceName: '重庆某中药饮片有限公司', subject: '中药配方颗粒跨省销售', content: '企业希望其中药配方颗粒在未备案省份销售。' };
      const D = { source: '区县', sourceName: '江津区市场监管局', subject: '生物医药产业园用地指标', content: '园区扩建需新增用地指标，请求协调。' };
      for (const r of [A, B, C, D]) {
        await register(liaison.page, r);
        await closeDrawer(liaison.page);
      }

      // Bad input: a request with no 承办部门 cannot be closed (the step is not even offered; the rule refuses it too).
      await openRequest(liaison.page, A.subject);
      expect(await drawerOf(liaison.page).locator('.ant-segmented-item').allTextContents()).toEqual(['签转']);
      await shot(liaison.page, 'requests-drawer-registered.png');
      // Route A and D to itself (职能内即办 and 属其他部门事权), B and C to 药品注册处.
      await route(liaison.page, LIAISON, '2026-12-31');
      // A disposition without its required fields is refused, nothing written.
      const before = await counts(liaison.page, ['requestEvents']);
      await chooseStep(liaison.page, '办理方式');
      await drawerOf(liaison.page).locator('.ant-radio-wrapper').filter({ hasText: '职能内即办' }).click();
      await drawerOf(liaison.page).getByTestId('step-submit').click();
      await liaison.page.getByRole('alert').filter({ hasText: '请填写办理结果' }).waitFor();
      expect(await counts(liaison.page, ['requestEvents'])).toEqual(before);
      await dispose(liaison.page, '职能内即办', (d) => d.getByLabel('办理结果').fill('已电话解答并寄送许可变更办事指南，企业当日提交申请。'));
      await close(liaison.page, '已答复企业许可变更流程，5个工作日内办结。');
      await closeDrawer(liaison.page);
      await openRequest(liaison.page, D.subject);
      await route(liaison.page, LIAISON, '2026-12-31');
      await dispose(liaison.page, '属其他部门事权', async (d) => {
        await d.getByLabel('协调部门').fill('江津区规划和自然资源局');
        await d.getByLabel('协调渠道').fill('“八张问题清单”数字平台');
        await d.getByLabel('协调情况').fill('已通过平台推送用地诉求，规划资源部门已受理。');
      });
      await close(liaison.page, '已协调规划资源部门办理，进展将另行反馈。', '基本满意');
      await closeDrawer(liaison.page);
      for (const r of [B, C]) {
        await openRequest(liaison.page, r.subject);
        await route(liaison.page, HANDLER, '2026-12-31');
        if (r === B) await shot(liaison.page, 'requests-drawer-routed.png');
        await closeDrawer(liaison.page);
      }
      const liaisonFile1 = await exportAll(liaison.page, folder, '02-第一检查局.tzsync');

      // 药品注册处 (the 承办部门) handles B (需研究, with the meeting and its decision) and C (政策不支持).
      await importFiles(handler.page, [liaisonFile1]);
      await go(handler.page, '诉求事项');
      await handler.page.getByTestId('ledger-kind').locator('.ant-segmented-item').filter({ hasText: '办理台账' }).click();
      await handler.page.getByTestId('request-table').getByText(B.subject, { exact: true }).waitFor();
      await openRequest(handler.page, B.subject);
      await dispose(handler.page, '需研究解决', async (d) => {
        await d.getByLabel('解决方案').fill('对该产品开通创新医疗器械优先审评通道，安排专人提前介入。');
        await d.locator('.ant-radio-wrapper').filter({ hasText: '局长办公会议' }).click();
        await fillDate(handler.page, '会议日期', '2026-11-20');
        await d.getByLabel('会议决定').fill('同意纳入优先审评，由药品注册处牵头落实。');
      });
      await close(handler.page, '已纳入优先审评并安排专人对接。');
      await closeDrawer(handler.page);
      await openRequest(handler.page, C.subject);
      await chooseStep(handler.page, '办理方式');
      await drawerOf(handler.page).locator('.ant-radio-wrapper').filter({ hasText: '政策不支持' }).click();
      await drawerOf(handler.page).getByLabel('解释说明').fill('已向企业解释：配方颗粒须在销售地省级药监部门备案后方可销售。');
      await drawerOf(handler.page).getByLabel('政策依据').fill('《关于结束中药配方颗粒试点工作的公告》');
      await drawerOf(handler.page).getByLabel('后续跟踪').fill('跟踪国家药监局配方颗粒备案互认政策');
      await shot(handler.page, 'requests-disposition-form.png');
      await submitStep(handler.page, /^已办理方式/);
      await close(handler.page, '已解释政策规定，并登记跟踪后续政策调整。', '基本满意');
      await closeDrawer(handler.page);
      const handlerLedger = await exportLedger(handler.page, '办理台账', folder);
      expect(handlerLedger.sort()).toEqual([B.subject, C.subject].sort());
      const handlerFile = await exportAll(handler.page, folder, '03-药品注册处.tzsync');

      // 第一检查局 gets the handling back, sends its quarterly 区域台账 and exports it.
      await importFiles(liaison.page, [handlerFile]);
      await go(liaison.page, '诉求事项');
      await liaison.page.getByTestId('request-count-closed').filter({ hasText: '4' }).waitFor();
      await liaison.page.getByTestId('submit-ledger').click();
      await liaison.page.getByText(/^已报送.*区域台账/).last().waitFor();
      const region = await exportLedger(liaison.page, '区域台账', folder);
      expect(region).toEqual([A.subject, B.subject, C.subject, D.subject]);
      const liaisonFile2 = await exportAll(liaison.page, folder, '04-第一检查局.tzsync');

      // 科标处: the 总台账 holds all four with their dispositions; the 区域台账 is 已报 in the 督办视图.
      await importFiles(lead.page, [liaisonFile2, handlerFile]);
      await go(lead.page, '诉求事项');
      const table = lead.page.getByTestId('request-table');
      await table.getByText(D.subject, { exact: true }).waitFor();
      const dispositions = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[7]?.textContent ?? ''));
      expect(dispositions).toEqual(['职能内即办', '需研究解决', '政策不支持', '属其他部门事权']);
      await lead.page.getByTestId('request-count-closed').filter({ hasText: '4' }).waitFor();
      await lead.page.getByTestId('ledger-matrix').locator('[data-cell="reported"]').first().waitFor();
      await shot(lead.page, 'requests-total-ledger.png');
      const total = await exportLedger(lead.page, '总台账', folder);
      expect(total).toEqual([A.subject, B.subject, C.subject, D.subject]);
      await go(lead.page, '督办视图');
      await lead.page.getByTestId('ledger-matrix').locator('[data-cell="reported"]').first().waitFor();
      await lead.page.getByTestId('ledger-matrix').scrollIntoViewIfNeeded();
      await shot(lead.page, 'requests-supervisor-section.png');

      // The 签转单 of B downloads as Word.
      await openRequest(lead.page, B.subject);
      const slip = lead.page.waitForEvent('download');
      await drawerOf(lead.page).getByTestId('print-slip').click();
      expect((await slip).suggestedFilename()).toMatch(/^签转单_.*\.docx$/);

      for (const o of offices) expect(o.consoleErrors).toEqual([]);
    } catch (e) {
      for (const [i, o] of offices.entries()) await shot(o.page, `requests-failure-${i}.png`).catch(() => undefined);
      throw e;
    } finally {
      for (const o of offices) await o.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 480_000);

  it('the ledger’s rows and counts work from the keyboard: Tab reaches each row, named for screen readers; Enter opens it', async () => {
    const office = await openOffice();
    const { page } = office;
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByText('还没有任何计划').waitFor();
      const { requests, events } = sample();
      await seedDatabase(page, { plans: [fixturePlan], requests, requestEvents: events, meta: identityRow(FIXTURE_LEAD, 'supervisor') });
      await go(page, '诉求事项');
      const table = page.getByTestId('request-table');
      await table.getByText(requests[0]!.subject, { exact: true }).first().waitFor();

      // Tab from the search box: the first row takes the focus, named by its number, subject and state.
      await page.getByPlaceholder('编号、事项、诉求单位、承办部门').focus();
      let label: string | null = null;
      for (let i = 0; i < 30 && label === null; i++) {
        await page.keyboard.press('Tab');
        label = await page.evaluate(() => (document.activeElement?.classList.contains('request-row') ? document.activeElement.getAttribute('aria-label') : null));
      }
      expect(label).toMatch(new RegExp(`^诉求事项 .+：${requests[0]!.subject}，`));
      await shot(page, 'requests-row-keyboard-focus.png');
      // Enter opens it; Escape closes it.
      await page.keyboard.press('Enter');
      await drawerOf(page).getByText(requests[0]!.subject).first().waitFor();
      await page.keyboard.press('Escape');
      await drawerOf(page).waitFor({ state: 'hidden' });
      // The next row by Tab, opened with Space.
      await page.locator('tr.request-row').first().focus();
      await page.keyboard.press('Tab');
      const second = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      expect(second).toContain(requests[1]!.subject);
      await page.keyboard.press(' ');
      await drawerOf(page).getByText(requests[1]!.subject).first().waitFor();
      await page.keyboard.press('Escape');
      await drawerOf(page).waitFor({ state: 'hidden' });

      // A count is a button too: Enter filters the rows to it.
      const overdue = page.getByRole('button', { name: /^逾期 \d+，只看这些诉求事项$/ });
      const overdueCount = Number(/逾期 (\d+)/.exec((await overdue.getAttribute('aria-label'))!)![1]);
      expect(overdueCount).toBeGreaterThan(0);
      expect(overdueCount).toBeLessThan(requests.length);
      await overdue.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => table.locator('tr.request-row').count()).toBe(overdueCount);
      expect(await overdue.getAttribute('aria-pressed')).toBe('true');
      expect(office.consoleErrors).toEqual([]);
    } finally {
      await office.close();
    }
  });
});
