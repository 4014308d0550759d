import { buildPlanRecords, formatStamp, unitId, type RequestEvent, type ServiceRequest } from '../../../shared/model';

/** Requests of seed 000's liaison mechanism, for the ledger and 签转单 tests. */
export const LEAD = '市药监局科标处';
export const plan = buildPlanRecords(
  { title: '服务区县生物医药产业常态化联络机制工作实施方案', docNumber: '渝药监〔2024〕69号', issuer: null, date: '2024-10-10', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, tasks: [] },
  { stamp: formatStamp(1, 0, 'lead'), office: LEAD, device: 'lead', now: new Date('2024-10-10T00:00:00Z') },
).plan;

let clock = 100;
const stamp = (d = 'a') => formatStamp(clock++, 0, d);

export function request(office: string, seq: number, fields: Partial<ServiceRequest> = {}): ServiceRequest {
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

export function step(r: ServiceRequest, actor: string, kind: RequestEvent['kind'], fields: Partial<RequestEvent> = {}): RequestEvent {
  return { id: `rqe_${String(clock).padStart(16, '0')}`, stamp: stamp(), by: actor, planId: plan.id, requestId: r.id, kind, unitId: unitId(actor), actor, date: '2024-11-05', text: '', ...fields };
}

export const routeTo = (r: ServiceRequest, handler: string, due = '2024-11-30') =>
  step(r, r.office, 'route', { handler, handlerUnitId: unitId(handler), dueDate: due, signer: '李四', text: '请按职责办理' });

export function sample() {
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


const NAMES = ['王五', '欧阳娜娜', '李晓明', '司马相如', '张伟', '诸葛明亮', '陈静', '上官婉儿'];
const SOURCES: [ServiceRequest['source'], string][] = [
  ['district', '巴南区市场监督管理局'],
  ['enterprise', '重庆某某生物医药科技股份有限公司'],
  ['park', '重庆国际生物城开发投资有限公司'],
  ['district', '两江新区市场监督管理局'],
  ['enterprise', '华润三九（重庆）医药有限公司'],
  ['other', '重庆市医药行业协会'],
];
const HANDLERS = ['市药监局医疗器械注册管理处', '市药监局药品生产监管处', '市药品检验检测研究院', '市药监局药品流通监管处'];

/**
 * A fuller ledger for the printed checks: 24 requests from two liaison offices, names of two to four characters,
 * a different 11-digit mobile number each, long unit names, every disposition, closed, overdue and waiting ones.
 */
export function busyLedger(): { requests: ServiceRequest[]; events: RequestEvent[]; phones: string[]; names: string[] } {
  const requests: ServiceRequest[] = [];
  const events: RequestEvent[] = [];
  for (let i = 0; i < 24; i++) {
    const office = i % 2 ? '市药审中心' : '市药监局第一检查局';
    const [source, sourceName] = SOURCES[i % SOURCES.length]!;
    const r = request(office, Math.floor(i / 2) + 1, {
      id: `req_${String(i + 1).padStart(20, '0')}`,
      source,
      sourceName,
      requester: NAMES[i % NAMES.length]!,
      contact: `1${String(3800000000 + i * 7654321).slice(0, 10)}`,
      receivedOn: `2024-${String(7 + (i % 5)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`,
      subject: ['第二类医疗器械注册咨询', '新建生产线GMP符合性检查', '园区公共检验平台建设', '药品零售企业跨区连锁经营许可'][i % 4]!,
      content: i % 3 ? '企业咨询第二类医疗器械注册检验、临床评价和现场核查的时间安排，希望提前介入指导。' : '企业反映委托生产的质量协议备案流程不清晰，跨省委托生产的检查结果互认存在困难，请求协调。',
      urgency: i % 5 === 0 ? 'urgent' : 'normal',
    });
    requests.push(r);
    if (i % 6 === 5) continue; // registered, not yet routed
    const handler = HANDLERS[i % HANDLERS.length]!;
    events.push(routeTo(r, handler, i % 4 === 3 ? '2024-11-10' : '2024-12-31'));
    switch (i % 4) {
      case 0:
        events.push(step(r, handler, 'dispose', { disposition: 'immediate', text: '组织专人上门指导，明确注册检验时间表' }));
        events.push(step(r, handler, 'close', { date: '2024-11-10', reply: '已上门指导并出具书面意见，企业按时间表推进', satisfaction: 'satisfied' }));
        break;
      case 1:
        events.push(step(r, handler, 'dispose', { disposition: 'study', solution: '拟开通GMP检查绿色通道', meeting: 'party-group', meetingDate: '2024-11-12', decision: '同意试行绿色通道' }));
        break;
      case 2:
        events.push(step(r, handler, 'dispose', { disposition: 'unsupported', text: '现行法规不支持跨省检查结果直接互认', policyBasis: '《药品生产监督管理办法》第五十二条', followUp: '关注国家药监局政策调整' }));
        break;
      default:
        events.push(step(r, handler, 'dispose', { disposition: 'other-body', body: '市经济信息委', channel: '“八张问题清单”数字平台', text: '已推送市经济信息委统筹平台建设资金' }));
    }
  }
  return { requests, events, phones: requests.map((r) => r.contact), names: requests.map((r) => r.requester) };
}
