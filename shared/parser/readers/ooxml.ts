/** The main part of an OOXML package, from its package relationships (_rels/.rels → officeDocument). */
import { elements, parseXml } from './xml';
import type { ZipArchive } from './zip';

export function officeDocumentPart(zip: ZipArchive): string | null {
  if (!zip.entries.has('_rels/.rels')) return null;
  for (const rel of elements(parseXml(zip.readText('_rels/.rels'), true), 'Relationship')) {
    if (!/\/officeDocument$/.test(rel.attrs.Type ?? '')) continue;
    const target = (rel.attrs.Target ?? '').replace(/^\.?\//, '');
    if (zip.entries.has(target)) return target;
  }
  return null;
}

/** Where a part's relationships live: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relationshipsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A part's relationships: id → target part path (external targets left out). */
export function relationshipTargets(zip: ZipArchive, part: string): Map<string, string> {
  const map = new Map<string, string>();
  const path = relationshipsPath(part);
  if (!zip.entries.has(path)) return map;
  const dir = part.slice(0, part.lastIndexOf('/') + 1);
  for (const rel of elements(parseXml(zip.readText(path), true), 'Relationship')) {
    if (rel.attrs.TargetMode === 'External' || !rel.attrs.Id || !rel.attrs.Target) continue;
    const target = rel.attrs.Target.startsWith('/') ? rel.attrs.Target.slice(1) : normalise(dir + rel.attrs.Target);
    map.set(rel.attrs.Id, target);
  }
  return map;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
