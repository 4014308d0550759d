import { findProseAssignment } from './prose';

/**
 * Organisational statements: the part of an item that constitutes a body rather than assigning work.
 *
 * Official documents set up the machinery that will carry a plan in a fixed form: "成立/组建/调整…领导小组
 * (指挥部、工作专班、联席会议…)", then its roster ("组长：…" / "副组长：…" / "成员：…", one name and post per
 * line, or "组长由…担任，成员由…组成"), then its office ("领导小组下设办公室，办公室设在X，由…兼任办公室主任")
 * and the body's own duties ("领导小组负责…", "办公室负责日常工作"). None of this is a task: it names who sits
 * where. A sentence in the same item that gives a unit work ("由X牵头负责…", "X负责…"), including "由X牵头成立…",
 * is read as usual.
 */

/** Bodies that a document sets up to carry a plan. */
const BODY = '(?:领导小组|工作小组|协调小组|推进小组|专项小组|工作组(?!织)|推进组|指挥部|工作专班|专班|联席会议(?!制度|机制)|委员会|工作机构|领导机构|组织机构)';

/** "成立…领导小组", "组建工作专班", "调整充实…指挥部". */
const SETUP = new RegExp(`(?:成立|组建|调整|充实|设立|建立)[^。；;]{0,60}?${BODY}`);

/** The body's office and who heads it: "下设办公室", "办公室设在X", "由X兼任办公室主任". */
const OFFICE = /下设[^。；;，,]{0,12}?办公室|办公室(?:设在|设于)|办公室主任由|兼任[^。；;，,]{0,8}?主任/;

/** Roster labels that by themselves mark a body's roster: "组长：", "指挥长：", "召集人：". */
const HEAD_LABEL = /^(?:常务副|第一|副)?(?:组长|总指挥|指挥长|召集人)[:：]/;

/** Any roster label: the heads, and "成员：", "成员单位：", "主任：", "秘书长：". */
const ROSTER_LABEL = /^(?:常务副|第一|副)?(?:组长|总指挥|指挥长|召集人|主任|秘书长|成员单位|成员|顾问)[:：]/;

/** Who holds a post: "组长由县长担任", "副县长任组长", "…为成员单位". */
const POSTS = /(?:组长|指挥长|召集人|成员|成员单位)(?:由|为)|(?:担任|兼任|任)(?:第一|常务|副)?(?:组长|指挥长|召集人|主任)|为成员(?:单位)?|组成人员/;

/** A sentence whose subject is the body itself: "领导小组负责…", "办公室负责日常工作", "各成员单位要…". */
const BODY_SUBJECT = new RegExp(`^(?:该|本|其)?(?:${BODY}|办公室|各成员单位|成员单位)`);

/** Words by which a sentence gives a unit work. */
const ASSIGNS = /牵头|负责|会同/;

/** Sentences, each with the line it is on; a line break ends a sentence too. */
function sentencesOf(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split('\n').forEach((line, k) => {
    for (const s of line.split(/(?<=[。；;])/)) if (s.trim()) out.push({ line: k, text: s.trim() });
  });
  return out;
}

/** A line carrying on a roster: short, no sentence ends, no duty ("周兴 县财政局局长", "县发改局、县财政局"). */
const rosterLine = (s: string): boolean => s.length <= 60 && !/[。；;]/.test(s) && !ASSIGNS.test(s);

/**
 * The item's text without its organisational statement, and whether it has one. `found` is false (and `rest`
 * the whole text) when the item sets up no body.
 */
export function organisationalStatement(text: string): { found: boolean; rest: string } {
  if (!SETUP.test(text) && !OFFICE.test(text) && !/(?:组长|指挥长|召集人)\s*[:：]/.test(text)) return { found: false, rest: text };
  const sentences = sentencesOf(text);
  let found = false;
  let inRoster = false;
  let previousLine = -1;
  const kept: { line: number; text: string }[] = [];
  for (const s of sentences) {
    const label = s.text.replace(/^([^:：]{1,10})[:：]/, (m) => m.replace(/[\s\u3000]/g, ''));
    const newLine = s.line !== previousLine;
    previousLine = s.line;
    let body = false;
    if (ROSTER_LABEL.test(label)) {
      body = true;
      inRoster = true;
      if (HEAD_LABEL.test(label)) found = true;
    } else if (inRoster && newLine && rosterLine(s.text)) {
      body = true;
    } else {
      inRoster = false;
      if (SETUP.test(s.text)) {
        // "由X牵头成立…专班": the setting up is work given to X.
        const a = ASSIGNS.test(s.text) ? findProseAssignment(s.text) : null;
        body = !a;
        found = true;
      } else if (OFFICE.test(s.text)) {
        body = true;
        found = true;
      } else if (POSTS.test(s.text) || BODY_SUBJECT.test(s.text)) {
        body = true;
      }
    }
    if (!body) kept.push(s);
  }
  if (!found) return { found: false, rest: text };
  const lines: string[] = [];
  let line = -1;
  for (const s of kept) {
    if (s.line !== line) lines.push(s.text);
    else lines[lines.length - 1] += s.text;
    line = s.line;
  }
  return { found: true, rest: lines.join('\n') };
}
