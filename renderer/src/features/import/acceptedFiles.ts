import { ACCEPTED_EXTENSIONS } from '../../../../shared/parser/readers/extensions';

/** The file types the import screen accepts: exactly those the readers read (shared/parser/readers). */
export const IMPORT_EXTENSIONS: readonly string[] = ACCEPTED_EXTENSIONS.map((e) => e.slice(1));

/** Does the importer read a file of this name (by its extension)? */
export function isImportableName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && IMPORT_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

/** The accepted types in words, for the drop zone and refusal messages. */
export const IMPORT_TYPES_TEXT = 'Word（.docx / .doc）、WPS（.wps / .et）、PDF、Excel（.xlsx / .xls）、OpenDocument（.odt / .ods）、RTF、网页（.html / .mht）和文本文件';
