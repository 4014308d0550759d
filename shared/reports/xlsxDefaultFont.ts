import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * exceljs write options: store the parts uncompressed (its JS deflate is the slowest step of a large workbook);
 * setDefaultFont compresses the finished package once with fflate.
 */
export const STORED = { zip: { compression: 'STORE' } } as unknown as Parameters<import('exceljs').Xlsx['writeBuffer']>[0];

/**
 * Column widths in a workbook are counted in digits of its default font, so the printed width of a column depends
 * on that font. exceljs always writes Calibri 11, which LibreOffice on a PC without Calibri replaces by a much wider
 * font (DejaVu Sans: columns 30 % wider, the table runs off the page). Arial is everywhere (Liberation Sans on
 * Linux is metric compatible): with it a width unit prints at about 6 pt in Excel, WPS and LibreOffice alike.
 * This rewrites the first font of xl/styles.xml (the default) in the finished package.
 */
export function setDefaultFont(xlsx: Uint8Array, name = 'Arial', size = 11): Uint8Array {
  const files = unzipSync(xlsx);
  const stylesBytes = files['xl/styles.xml'];
  if (!stylesBytes) throw new Error('xlsx without xl/styles.xml');
  const styles = strFromU8(stylesBytes);
  const first = /<fonts\b[^>]*>\s*<font>[\s\S]*?<\/font>/.exec(styles);
  if (!first) throw new Error('xlsx styles without a default font');
  const replaced = first[0].replace(/<font>[\s\S]*?<\/font>$/, `<font><sz val="${size}"/><name val="${name}"/><family val="2"/></font>`);
  files['xl/styles.xml'] = strToU8(styles.slice(0, first.index) + replaced + styles.slice(first.index + first[0].length));
  const out: Zippable = {};
  // [Content_Types].xml first, as Office writes it; level 6 like exceljs.
  const names = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  for (const n of names) out[n] = [files[n]!, { level: 6 }];
  return zipSync(out);
}
