import { readMarker, type Marker } from './numbering';

/**
 * The body of a document as a tree of numbered items ("一、" > "(一)" > "1." …), nesting inferred from the
 * order in which numbering styles first appear, except that a style never nests under one ranked below it. Unnumbered paragraphs belong to the item above them.
 */
export interface OutlineNode {
  marker: Marker;
  /** The marker as printed, with its punctuation: "1.", "（一）". */
  printed: string;
  /** Marker as printed plus title: "(一)保障防疫药械质量", used in section paths. */
  heading: string;
  /** Title without the marker: "保障防疫药械质量". */
  title: string;
  /** Text after the marker on the item's own line. */
  text: string;
  /** Following unnumbered paragraphs. */
  paragraphs: string[];
  children: OutlineNode[];
  parent: OutlineNode | null;
  depth: number;
  /** Line index (within the body lines) where the item starts. */
  line: number;
}

/**
 * Markers that start a new item inside a long line ("…具体落实。) (二)全力服务供应保障 2.加强…"): after a space,
 * or straight after the end of a sentence or note ("…。2.加强…", "…负责)(二)…").
 */
const INNER_MARKER =
  /(?: |(?<=[。；;）)]))(?=(?:[一二三四五六七八九十]{1,4}、|[（(][一二三四五六七八九十]{1,4}[)）]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[)）]|[①-⑳]))/g;

/** Split lines that hold several numbered items (a whole document pasted as one paragraph). */
export function segmentLines(lines: readonly string[], lineNumbers?: readonly number[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  lines.forEach((raw, k) => {
    const line = lineNumbers?.[k] ?? k;
    const text = raw.replace(/[\u00a0\u2002\u2003\u3000\t]/g, ' ').trim();
    // Lines of bare punctuation ("|", "———") are page furniture, not text.
    if (!text || !/[\p{L}\p{N}]/u.test(text)) return;
    if (text.length < 60) {
      out.push({ text, line });
      return;
    }
    // Runs of spaces are collapsed first so the marker search stays linear on pathological lines.
    const collapsed = text.replace(/ {2,}/g, ' ');
    let start = 0;
    for (const m of collapsed.matchAll(INNER_MARKER)) {
      const at = m.index ?? 0;
      const piece = collapsed.slice(start, at).trim();
      if (piece) out.push({ text: piece, line });
      start = at + m[0].length;
    }
    const rest = collapsed.slice(start).trim();
    if (rest) out.push({ text: rest, line });
  });
  return out;
}

function titleOf(text: string): string {
  const t = text.trim();
  const stop = t.search(/[。；;]/);
  return (stop >= 0 ? t.slice(0, stop) : t).trim();
}

/** True when an item's own line is only a heading ("(三)优化管理机制"), its content being the paragraphs below. */
export function isHeadingOnly(node: OutlineNode): boolean {
  const t = node.text.trim();
  if (!t) return true;
  if (t.length > 40) return false;
  const body = t.replace(/[。．]$/, '');
  return !/[。；;：:，,]/.test(body) || (body.length <= 30 && !/[。；;]/.test(body));
}

/** The conventional rank of numbering styles in official documents (GB/T 9704): smaller is higher. */
const STYLE_RANK: Partial<Record<Marker['style'], number>> = { cn: 0, 'paren-cn': 1, arabic: 2, 'paren-arabic': 3, circled: 4 };

export function buildOutline(segments: readonly { text: string; line: number }[]): { roots: OutlineNode[]; preamble: { text: string; line: number }[] } {
  const roots: OutlineNode[] = [];
  const preamble: { text: string; line: number }[] = [];
  const stack: OutlineNode[] = [];
  for (const seg of segments) {
    const marker = readMarker(seg.text);
    if (!marker || !Number.isFinite(marker.value)) {
      const top = stack[stack.length - 1];
      if (top) top.paragraphs.push(seg.text);
      else preamble.push(seg);
      continue;
    }
    const at = stack.findIndex((n) => n.marker.style === marker.style);
    if (at >= 0) stack.splice(at);
    else {
      // A style not open yet that official numbering ranks above an open one ("五、" after "（七）" on a page that
      // starts inside a section) closes it: 一、 > （一） > 1. > （1） > ①.
      const rank = STYLE_RANK[marker.style];
      const below = rank === undefined ? -1 : stack.findIndex((n) => (STYLE_RANK[n.marker.style] ?? -1) > rank);
      if (below >= 0) stack.splice(below);
    }
    const parent = stack[stack.length - 1] ?? null;
    const text = seg.text.slice(marker.length).trim();
    const printed = seg.text.slice(0, marker.length).replace(/\s+/g, '');
    const title = titleOf(text);
    const node: OutlineNode = {
      marker,
      printed: seg.text.slice(0, marker.length),
      heading: `${printed}${title}`,
      title,
      text,
      paragraphs: [],
      children: [],
      parent,
      depth: stack.length,
      line: seg.line,
    };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  }
  return { roots, preamble };
}

export function* walk(nodes: readonly OutlineNode[]): Generator<OutlineNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}

/** Headings of the ancestors, outermost first. */
export function ancestorHeadings(node: OutlineNode): string[] {
  const out: string[] = [];
  for (let p = node.parent; p; p = p.parent) out.unshift(p.heading);
  return out;
}

/** Labels of the ancestors and the node ("二(二)1"), for numbers that must be unique. */
export function pathLabel(node: OutlineNode): string {
  const parts: string[] = [];
  for (let p: OutlineNode | null = node; p; p = p.parent) parts.unshift(p.marker.label);
  // "二(二)1", but "一.1" where two bare labels would run together.
  return parts.reduce((out, part) => (out && !/[)）]$/.test(out) && !/^[(（]/.test(part) ? `${out}.${part}` : out + part), '');
}
