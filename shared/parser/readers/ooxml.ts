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
