import { normalizeKey } from '../model/ids';
import type { Section } from '../model/schemas';
import { PlanEditRefused, type EditContext, type EditStamp } from './editRefused';
import type { EditWrites, PlanContents } from './planEdit';

/**
 * A plan's sections (一、… / （一）… headings) after saving: add, rename, move (up, down, under another
 * heading), delete when empty. `order` is each section's place in the outline read top to bottom, so a heading
 * always comes right before its sub-headings; a move rewrites only the sections whose place changes.
 */

const ROOT = '';

function titleOf(raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (!title) throw new PlanEditRefused('请填写部分的标题');
  if (title.length > 200) throw new PlanEditRefused('标题不能超过200字');
  return title;
}

const liveSections = (contents: PlanContents) =>
  contents.sections.filter((s) => !s.deleted && s.planId === contents.plan.id).sort((a, b) => a.order - b.order);

function requireSection(contents: PlanContents, id: string): Section {
  const s = contents.sections.find((x) => x.id === id);
  if (!s || s.deleted || s.planId !== contents.plan.id) throw new PlanEditRefused('该部分不存在或已删除');
  return s;
}

/** Children of each parent ('' for the top level), in order. A section whose parent is gone counts as top level. */
function childLists(live: readonly Section[]): Map<string, string[]> {
  const ids = new Set(live.map((s) => s.id));
  const lists = new Map<string, string[]>();
  for (const s of live) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : ROOT;
    const list = lists.get(parent) ?? [];
    list.push(s.id);
    lists.set(parent, list);
  }
  return lists;
}

/** The outline read top to bottom. */
function outline(lists: Map<string, string[]>): string[] {
  const out: string[] = [];
  const visit = (parent: string, depth: number) => {
    if (depth > 20) return;
    for (const id of lists.get(parent) ?? []) {
      out.push(id);
      visit(id, depth + 1);
    }
  };
  visit(ROOT, 0);
  return out;
}

/** Sections whose order or parent changes when the outline is `lists`; `extra` are new sections (written anyway). */
function relaid(live: readonly Section[], lists: Map<string, string[]>, ctx: EditStamp, extra: Section[] = []): Section[] {
  const byId = new Map([...live, ...extra].map((s) => [s.id, s]));
  const parentOf = new Map<string, string | null>();
  for (const [parent, ids] of lists) for (const id of ids) parentOf.set(id, parent === ROOT ? null : parent);
  const out: Section[] = [];
  outline(lists).forEach((id, order) => {
    const s = byId.get(id)!;
    const parentId = parentOf.get(id) ?? null;
    if (extra.includes(s)) out.push({ ...s, order, parentId });
    else if (s.order !== order || s.parentId !== parentId) out.push({ ...s, order, parentId, stamp: ctx.stamp, by: ctx.by });
  });
  return out;
}

function requireFreeTitle(contents: PlanContents, lists: Map<string, string[]>, parent: string, title: string, except?: string): void {
  const key = normalizeKey(title);
  for (const id of lists.get(parent) ?? []) {
    if (id === except) continue;
    const s = contents.sections.find((x) => x.id === id);
    if (s && normalizeKey(s.title) === key) throw new PlanEditRefused(`同一层级已有「${s.title}」`);
  }
}

/** A new section at the end of its parent (or of the plan). */
export function addSection(contents: PlanContents, input: { title: string; parentId: string | null }, ctx: EditContext): EditWrites {
  const title = titleOf(input.title);
  const live = liveSections(contents);
  if (input.parentId) requireSection(contents, input.parentId);
  const lists = childLists(live);
  const parent = input.parentId ?? ROOT;
  requireFreeTitle(contents, lists, parent, title);
  const section: Section = { id: ctx.newId('sec'), stamp: ctx.stamp, by: ctx.by, planId: contents.plan.id, title, parentId: input.parentId, order: 0 };
  lists.set(parent, [...(lists.get(parent) ?? []), section.id]);
  return { sections: relaid(live, lists, ctx, [section]), tasks: [], units: [] };
}

export function renameSection(contents: PlanContents, id: string, rawTitle: string, ctx: EditStamp): EditWrites {
  const section = requireSection(contents, id);
  const title = titleOf(rawTitle);
  if (title === section.title) throw new PlanEditRefused('新标题与原标题相同');
  const lists = childLists(liveSections(contents));
  const parent = [...lists].find(([, ids]) => ids.includes(id))?.[0] ?? ROOT;
  requireFreeTitle(contents, lists, parent, title, id);
  return { sections: [{ ...section, title, stamp: ctx.stamp, by: ctx.by }], tasks: [], units: [] };
}

export type SectionMove = { direction: 'up' | 'down' } | { parentId: string | null };

/** Move a section (with its sub-sections and tasks) one place up or down, or under another heading. */
export function moveSection(contents: PlanContents, id: string, move: SectionMove, ctx: EditStamp): EditWrites {
  const section = requireSection(contents, id);
  const live = liveSections(contents);
  const lists = childLists(live);
  const parent = [...lists].find(([, ids]) => ids.includes(id))?.[0] ?? ROOT;
  const siblings = lists.get(parent)!;
  const at = siblings.indexOf(id);
  if ('direction' in move) {
    const to = move.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= siblings.length) throw new PlanEditRefused(move.direction === 'up' ? '已是同一层级的第一项' : '已是同一层级的最后一项');
    siblings.splice(at, 1);
    siblings.splice(to, 0, id);
  } else {
    const target = move.parentId ?? ROOT;
    if (target === parent) throw new PlanEditRefused('该部分已在所选位置');
    if (move.parentId) {
      requireSection(contents, move.parentId);
      // Not under itself or one of its own sub-sections.
      const below = new Set(outlineBelow(lists, id));
      if (move.parentId === id || below.has(move.parentId)) throw new PlanEditRefused('不能移到它自己的下级');
    }
    requireFreeTitle(contents, lists, target, section.title);
    siblings.splice(at, 1);
    lists.set(target, [...(lists.get(target) ?? []), id]);
  }
  return { sections: relaid(live, lists, ctx), tasks: [], units: [] };
}

function outlineBelow(lists: Map<string, string[]>, id: string): string[] {
  const out: string[] = [];
  const visit = (p: string, depth: number) => {
    if (depth > 20) return;
    for (const c of lists.get(p) ?? []) {
      out.push(c);
      visit(c, depth + 1);
    }
  };
  visit(id, 0);
  return out;
}

/** Delete a section that holds no task and no sub-section. */
export function deleteSection(contents: PlanContents, id: string, ctx: EditStamp): EditWrites {
  const section = requireSection(contents, id);
  const tasks = contents.tasks.filter((t) => !t.deleted && t.sectionId === id).length;
  if (tasks) throw new PlanEditRefused(`「${section.title}」下还有 ${tasks} 项任务，请先把任务移到其他部分`);
  if (liveSections(contents).some((s) => s.parentId === id)) throw new PlanEditRefused(`「${section.title}」下还有下级部分，请先移走或删除`);
  return { sections: [{ ...section, deleted: true, stamp: ctx.stamp, by: ctx.by }], tasks: [], units: [] };
}

/** Each live section's full path ("一、… / （一）…"), in outline order, for pickers. */
export function sectionOutline(sections: readonly Section[]): { id: string; path: string; depth: number }[] {
  const live = sections.filter((s) => !s.deleted).sort((a, b) => a.order - b.order);
  const lists = childLists(live);
  const byId = new Map(live.map((s) => [s.id, s]));
  const out: { id: string; path: string; depth: number }[] = [];
  const visit = (parent: string, prefix: string[], depth: number) => {
    if (depth > 20) return;
    for (const id of lists.get(parent) ?? []) {
      const path = [...prefix, byId.get(id)!.title];
      out.push({ id, path: path.join(' / '), depth });
      visit(id, path, depth + 1);
    }
  };
  visit(ROOT, [], 0);
  return out;
}
