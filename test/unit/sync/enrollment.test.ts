import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../shared/sync';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { savePlanRecords } from '../../../renderer/db/plans';
import { acceptEnrollmentFile, confirmAnchor, exportEnrollmentFile, listRoster, loadTrust, ownKeyInfo, previewEnrollment, revokeKey } from '../../../renderer/db/keys';
import { applyImport, exportSnapshot, previewImport, sealExport, type FilePreview } from '../../../renderer/db/sync';
import { saveReport } from '../../../renderer/db/tracking';
import { formatStamp, unitId } from '../../../shared/model';
import { samplePlan } from '../tracking/fixtures';
import { dumpDatabase, ok } from './dbHelpers';

let n = 0;
async function pc(office: string, role: 'supervisor' | 'department', device: string) {
  const db = new TaizhangDB(`enroll-${process.pid}-${n++}`);
  await db.open();
  await db.meta.put({ key: 'deviceId', value: device });
  await setIdentity(db, office, role);
  return db;
}
const NOW = new Date('2024-05-01T08:00:00Z');
const DEFAULT = {};
async function exportBytes(db: TaizhangDB, seal?: Parameters<typeof sealExport>[2]) {
  let r = await exportSnapshot(db, { mode: 'full', appVersion: 'test', now: NOW });
  if (seal) r = await sealExport(db, r, seal);
  return { name: r.fileName, bytes: concatBytes(r.file.chunks) };
}

describe('enrollment by file, confirmed roster, sealed exchange, a department’s own draft adopted', () => {
  it('walks the whole offline procedure', async () => {
    const records = samplePlan();
    const sup = await pc('市政府督查办', 'supervisor', 'devsup');
    await savePlanRecords(sup, records);
    const dept = await pc('市市场监管局', 'department', 'devmarket');
    // The department imported the measures document itself first: a local draft of the same plan, with a report.
    const mine = { stamp: formatStamp(NOW.getTime() - 86_400_000, 0, 'devmarket'), by: '市市场监管局' };
    await savePlanRecords(dept, {
      plan: { ...records.plan, ...mine, owner: { office: '市市场监管局', device: 'devmarket' } },
      sections: records.sections.map((x) => ({ ...x, ...mine })),
      tasks: records.tasks.map((x) => ({ ...x, ...mine })),
      units: records.units.map((x) => ({ ...x, ...mine })),
    });
    const report = await saveReport(dept, { planId: records.plan.id, taskId: records.tasks[0]!.id, unitId: unitId('市市场监管局'), period: '2024-Q2', status: 'in-progress', progress: '已起草方案' }, NOW);

    // 1. The department exports its 注册文件; the supervisor checks the fingerprint by phone and accepts it.
    const enrollment = await exportEnrollmentFile(dept, NOW);
    expect(enrollment.fingerprint).toBe((await ownKeyInfo(dept))!.fingerprint);
    const seen = previewEnrollment(enrollment.text);
    expect(seen).toMatchObject({ office: '市市场监管局', device: 'devmarket', fingerprint: enrollment.fingerprint });
    await expect(acceptEnrollmentFile(sup, enrollment.text, '0000 0000 0000 0000 0000', NOW)).rejects.toThrow('指纹与注册文件不一致');
    await expect(acceptEnrollmentFile(dept, enrollment.text, enrollment.fingerprint, NOW)).rejects.toThrow('只有督办单位的电脑可以登记');
    expect(() => previewEnrollment(enrollment.text.replace('市市场监管局', '市公安局'))).toThrow('注册文件的签名无效');
    const enrolled = await acceptEnrollmentFile(sup, enrollment.text, enrollment.fingerprint, NOW);
    expect(enrolled).toMatchObject({ office: '市市场监管局', role: 'department', revokedSince: null });
    await expect(acceptEnrollmentFile(sup, enrollment.text, enrollment.fingerprint, NOW)).rejects.toThrow('该电脑已登记');
    expect((await listRoster(sup)).map((k) => k.office).sort()).toEqual(['市市场监管局', '市政府督查办']);

    // 2. The supervisor seals its file for the department. Another PC cannot open it; nothing is written there.
    const sealed = await exportBytes(sup, { kind: 'office', office: '市市场监管局' });
    const stranger = await pc('市公安局', 'department', 'devpolice');
    const before = await dumpDatabase(stranger);
    const [refused] = await previewImport(stranger, [sealed]);
    expect(refused).toMatchObject({ ok: false, locked: 'not-recipient' });
    expect(!refused!.ok && refused!.error).toMatch(/加密发给「市市场监管局」/);
    expect(await dumpDatabase(stranger)).toBe(before);

    // 3. The department opens it; the supervisor's roster is offered for confirmation by fingerprint first.
    let preview = ok((await previewImport(dept, [sealed], NOW.getTime()))[0]);
    const supInfo = (await ownKeyInfo(sup))!;
    expect(preview.rosterOffers).toHaveLength(1);
    expect(preview.rosterOffers[0]).toMatchObject({ issuer: '市政府督查办', fingerprint: supInfo.fingerprint });
    expect(preview.adoptable).toEqual([]); // not confirmed yet: the draft stays the department's
    expect(preview.unauthorized.every((r) => /尚未在本机确认/.test(r.reason))).toBe(true);
    const offer = preview.rosterOffers[0]!;
    await confirmAnchor(dept, { issuer: offer.issuer, keyId: offer.keyId, publicKey: offer.publicKey, device: offer.device }, offer.entry);

    // 4. Now the plan arrives from its confirmed owner: the department's draft is offered for adoption; its report stays.
    preview = ok((await previewImport(dept, [sealed], NOW.getTime()))[0]);
    expect(preview.unauthorized).toHaveLength(0);
    expect(preview.adoptable).toEqual([{ planId: records.plan.id, title: records.plan.title, owner: '市政府督查办', draftOwner: '市市场监管局' }]);
    await applyImport(dept, [{ preview, choice: DEFAULT, adopt: [records.plan.id] }], { now: NOW.getTime() });
    expect((await dept.plans.get(records.plan.id))!.owner.office).toBe('市政府督查办');
    expect((await dept.reports.get(report.id))!.progress).toBe('已起草方案');
    expect((await ownKeyInfo(dept))!.enrolledIn.map((k) => k.issuer)).toEqual(['市政府督查办']);
    // Importing the measures document again on the department PC cannot take the adopted plan over.
    await expect(savePlanRecords(dept, { ...records, plan: { ...records.plan, owner: { office: '市市场监管局', device: 'devmarket' } } })).rejects.toThrow(/由「市政府督查办」发布.*不能把它改为「市市场监管局」所有/);

    // 5. The department's report, now publishable, goes back sealed with a password; the supervisor accepts it.
    const back = await exportBytes(dept, { kind: 'password', password: '春季督查2024' });
    expect(ok((await previewImport(sup, [back], NOW.getTime(), { [back.name]: '春季督查2024' }))[0]).counts.newReports).toBe(1);
    const [wrong] = await previewImport(sup, [back], NOW.getTime(), { [back.name]: '秋季督查2024' });
    expect(wrong).toMatchObject({ ok: false, locked: 'wrong-password' });
    const accepted = ok((await previewImport(sup, [back], NOW.getTime(), { [back.name]: '春季督查2024' }))[0]);
    expect(accepted.unauthorized).toHaveLength(0);
    await applyImport(sup, [{ preview: accepted, choice: DEFAULT }], { now: NOW.getTime() });
    expect((await sup.reports.get(report.id))!.by).toBe('市市场监管局');

    // 6. Revocation: the supervisor revokes the department's key; its later reports are refused.
    await revokeKey(sup, enrolled.keyId, '电脑更换', new Date(NOW.getTime() + 60_000), NOW);
    expect((await listRoster(sup)).find((k) => k.keyId === enrolled.keyId)!.revokedSince).toBe(NOW.getTime() + 60_000);
    const later = new Date(NOW.getTime() + 3600_000);
    await saveReport(dept, { planId: records.plan.id, taskId: records.tasks[0]!.id, unitId: unitId('市市场监管局'), period: '2024-Q1', status: 'done', progress: '补报' }, later);
    const after = ok((await previewImport(sup, [await exportBytes(dept)], later.getTime()))[0]);
    expect(after.unauthorized.map((r) => r.reason).join()).toMatch(/撤销（电脑更换）/);
  });
});

describe('the trust a PC derives from its roster', () => {
  it('is built once per roster: the same object while nothing changed, a new one after an enrollment or a revocation', async () => {
    const sup = await pc('市政府督查办', 'supervisor', 'devsup2');
    const dept = await pc('市市场监管局', 'department', 'devmarket2');
    await exportEnrollmentFile(sup, NOW); // makes the supervisor's keys and roster
    const first = await loadTrust(sup);
    expect(await loadTrust(sup)).toBe(first);
    const enrollment = await exportEnrollmentFile(dept, NOW);
    const enrolled = await acceptEnrollmentFile(sup, enrollment.text, enrollment.fingerprint, NOW);
    const after = await loadTrust(sup);
    expect(after).not.toBe(first);
    expect(after.validEntries.length).toBeGreaterThan(first.validEntries.length);
    await revokeKey(sup, enrolled.keyId, '电脑更换', new Date(NOW.getTime() + 60_000), NOW);
    const revoked = await loadTrust(sup);
    expect(revoked).not.toBe(after);
    expect((await listRoster(sup)).find((k) => k.keyId === enrolled.keyId)?.revokedSince).not.toBeNull();
    // Another PC's roster gives its own trust, not the cached one.
    expect(await loadTrust(dept)).not.toBe(revoked);
  });
});
