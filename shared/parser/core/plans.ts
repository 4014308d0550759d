import type { ParsedTask, ParseWarning } from '../types';
import { findNotes, parseAssignment, readLabelledLine, type Assignment, type ListedRule } from './assignment';
import { BodyText, headingKey } from './checks';
import { findDeadlinePhrase, parseDeadline } from './deadline';
import { readMarker } from './numbering';
import { ancestorHeadings, isHeadingOnly, pathLabel, walk, type OutlineNode } from './outline';
import { findProseAssignment } from './prose';
import type { TableTask } from './table';
import { dedupe, trimEndOf } from './units';

/**
 * The three ways a document states its plan, each turned into tasks:
 * a task table (checked against the body), notes under numbered measures, or prose under headings.
 */

const LABEL_WORDS =
  '(?:牵头(?:责任)?(?:单位|部门)|责任(?:单位|部门)|配合(?:单位|部门)|协办单位|参与单位|(?:主要)?协作单位|(?:具体)?落实单位|完成时限|时间节点|完成时间)';
const INLINE_LABEL = new RegExp(`(^|[。；;\\s])${LABEL_WORDS}\\s*[:：]`);
const LABEL_SPLIT = new RegExp(`(?=${LABEL_WORDS}\\s*[:：])`);

// ---- Shape 1/2/3: the task table is the plan; the body checks it ----------------------------------

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function stripMarker(text: string): string {
  const m = readMarker(text);
  return m ? text.slice(m.length).trim() : text.trim();
}

export function tablePlan(rows: TableTask[], roots: readonly OutlineNode[], bodyParagraphs: string[], warnings: ParseWarning[]): ParsedTask[] {
  const byTitle = new Map<string, OutlineNode>();
  for (const node of walk(roots)) {
    const key = headingKey(node.title);
    if (key && !byTitle.has(key)) byTitle.set(key, node);
  }
  const fromBody: string[] = [];
  const placedUnder: string[] = [];
  const mismatched: string[] = [];
  const details: string[] = [];
  const body = new BodyText(bodyParagraphs);

  const tasks = rows.map((row): ParsedTask => {
    const cols = [...row.sectionColumns];
    let corrected = false;
    for (let i = 0; i + 1 < cols.length; i++) {
      if (!row.sectionCarried[i] || !cols[i + 1]) continue;
      const node = byTitle.get(headingKey(stripMarker(cols[i + 1]!)));
      const parent = node?.parent;
      if (!parent) continue;
      if (headingKey(parent.title) !== headingKey(stripMarker(cols[i] ?? ''))) {
        cols[i] = cols[i] && readMarker(cols[i]!) ? parent.heading : parent.title;
        corrected = true;
        if (!placedUnder.includes(cols[i]!)) placedUnder.push(cols[i]!);
      }
    }
    if (corrected) fromBody.push(row.number);
    const differs = body.disagreement(row.content);
    if (differs) {
      mismatched.push(row.number);
      if (details.length < 3) details.push(`任务 ${row.number} 表中为“${clip(differs.table, 60)}”，正文为“${clip(differs.body, 60)}”`);
    }
    return {
      number: row.number,
      section: [...row.spanning, ...cols.filter(Boolean)],
      content: row.content,
      lead: row.lead,
      support: row.support,
      implement: row.implement,
      deadline: row.deadline,
    };
  });
  if (fromBody.length) {
    warnings.push({
      code: 'section-from-body',
      tasks: fromBody,
      message: `任务 ${fromBody.join('、')} 在任务分解表中缺少所属项目，已按正文归入“${placedUnder.join('”“')}”，请核对。`,
    });
  }
  if (mismatched.length) {
    warnings.push({
      code: 'content-mismatch',
      tasks: mismatched,
      message: `任务 ${mismatched.join('、')} 在任务分解表中的内容与正文表述不一致（${details.join('；')}），请以印发原文为准核对。`,
    });
  }
  return tasks;
}

// ---- Shape 4/5: inline notes and labelled lines under numbered measures -------------------------------

export function notesPlan(roots: readonly OutlineNode[], listedRule: ListedRule): ParsedTask[] {
  interface Candidate {
    node: OutlineNode;
    tasks: ParsedTask[];
    assigned: boolean;
  }
  const candidates: Candidate[] = [];
  for (const node of walk(roots)) {
    const labelled: { role: string; value: string }[] = [];
    const prose: string[] = [];
    for (const p of node.paragraphs) {
      const l = readLabelledLine(p);
      if (l) labelled.push(l);
      else prose.push(p);
    }
    let own = [node.text, ...prose].filter(Boolean).join('\n');
    const notes = findNotes(own, listedRule);
    if (notes.length === 0) {
      // Labels inside the measure's own text: "……。牵头单位：A；配合单位：B；完成时限：2023年底前".
      const inline = INLINE_LABEL.exec(own.length > 20_000 ? own.slice(0, 20_000) : own);
      if (inline) {
        const at = inline.index + inline[1]!.length;
        for (const piece of own.slice(at).split(LABEL_SPLIT)) {
          const l = readLabelledLine(trimEndOf(piece, '。；; \t\n'));
          if (l) labelled.push(l);
        }
        if (labelled.length) own = own.slice(0, at).trim();
      }
    }
    const section = ancestorHeadings(node);
    const label = node.marker.label;
    if (notes.length === 0 && labelled.length === 0) {
      candidates.push({ node, tasks: [], assigned: false });
      continue;
    }
    const deadlineLine = labelled.find((l) => l.role === 'deadline');
    const make = (number: string, content: string, a: Assignment): ParsedTask => ({
      number,
      section,
      content: content.trim(),
      lead: a.lead,
      support: a.support,
      implement: a.implement,
      deadline: deadlineLine ? parseDeadline(deadlineLine.value) : findDeadlinePhrase(content),
    });
    const out: ParsedTask[] = [];
    if (notes.length >= 2) {
      let from = 0;
      notes.forEach((n, k) => {
        out.push(make(`${label}-${k + 1}`, own.slice(from, n.start), n.assignment));
        from = n.end;
      });
      const tail = own.slice(from).trim();
      if (tail && out.length) out[out.length - 1]!.content += tail;
    } else {
      let a: Assignment = notes[0]?.assignment ?? { lead: [], support: [], implement: [], explicit: false };
      const content = notes[0] ? own.slice(0, notes[0].start) + own.slice(notes[0].end) : own;
      if (labelled.some((l) => l.role !== 'deadline')) {
        const lead: string[] = [...a.lead];
        const support: string[] = [...a.support];
        const implement: string[] = [...a.implement];
        for (const l of labelled) {
          if (l.role === 'deadline') continue;
          const part = parseAssignment(l.value, { fallback: l.role as 'lead' | 'support' | 'implement' | 'listed', listedRule });
          lead.push(...part.lead);
          support.push(...part.support);
          implement.push(...part.implement);
        }
        const ld = dedupe(lead);
        a = { lead: ld, support: dedupe(support).filter((u) => !ld.includes(u)), implement: dedupe(implement), explicit: true };
      }
      out.push(make(label, content, a));
    }
    candidates.push({ node, tasks: out, assigned: true });
  }
  const assignedStyles = new Set(candidates.filter((c) => c.assigned).map((c) => c.node.marker.style));
  if (assignedStyles.size === 0) return [];
  const entries: { node: OutlineNode; task: ParsedTask }[] = [];
  for (const c of candidates) {
    if (c.assigned) for (const task of c.tasks) entries.push({ node: c.node, task });
    else if (assignedStyles.has(c.node.marker.style) && c.node.children.length === 0) {
      const content = [c.node.text, ...c.node.paragraphs].join('\n').trim();
      entries.push({
        node: c.node,
        task: { number: c.node.marker.label, section: ancestorHeadings(c.node), content, lead: [], support: [], implement: [], deadline: findDeadlinePhrase(content) },
      });
    }
  }
  // When plain labels repeat ("1." restarting in every chapter), number tasks by their path ("二(一)1").
  if (new Set(entries.map((e) => e.task.number)).size !== entries.length) {
    for (const e of entries) e.task.number = pathLabel(e.node) + (/-\d+$/.exec(e.task.number)?.[0] ?? '');
  }
  return entries.map((e) => e.task);
}

// ---- Shape 6/7: prose, or numbered items offered as candidates -------------------------------------

export function prosePlan(roots: readonly OutlineNode[]): { tasks: ParsedTask[]; assigned: boolean } {
  const leaves = [...walk(roots)].filter((n) => n.children.length === 0);
  let assigned = false;
  const tasks = leaves.map((node): ParsedTask & { node: OutlineNode } => {
    const heading = isHeadingOnly(node) && node.paragraphs.length > 0;
    const section = heading ? [...ancestorHeadings(node), node.heading] : ancestorHeadings(node);
    const content = (heading ? node.paragraphs.join('\n') : [node.text, ...node.paragraphs].join('\n')).trim() || node.title;
    const a = findProseAssignment(content);
    if (a) assigned = true;
    return {
      node,
      number: node.marker.label,
      section,
      content,
      lead: a?.lead ?? [],
      support: a?.support ?? [],
      implement: [],
      deadline: findDeadlinePhrase(content),
    };
  });
  const unique = new Set(tasks.map((t) => t.number)).size === tasks.length;
  return {
    tasks: tasks.map(({ node, ...t }) => ({ ...t, number: unique ? t.number : pathLabel(node) })),
    assigned,
  };
}
