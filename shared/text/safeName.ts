/**
 * Names typed or received from outside (unit names, attachment file names) made safe to show, compare and
 * save. One place for the rule, called at the edges: attachments when a report takes them and when one is
 * saved to disk, unit names when the plan builder creates units (every import and review edit ends there),
 * and the parser's alias check for look-alike units.
 *
 * Invisible format characters are removed: bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069, marks U+200E/U+200F/U+061C) make "会议纪要\u202Excod.exe" display as "会议纪要exe.docx";
 * zero-width spaces, joiners and the BOM (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, soft hyphen U+00AD)
 * make two names that look the same compare as different units. Control characters go too, runs of white
 * space become one space, and the ends are trimmed. Visible characters are never changed here.
 */

const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** True when the name holds invisible format or control characters (what safeName removes). */
export function hasHiddenCharacters(name: string): boolean {
  return new RegExp(INVISIBLE.source).test(name) || new RegExp(CONTROL.source).test(name);
}

/** A name without invisible format or control characters, white space collapsed, ends trimmed. */
export function safeName(name: string): string {
  return name.replace(INVISIBLE, '').replace(CONTROL, '').replace(/[\s\u3000]+/g, ' ').trim();
}

/** Characters Windows (and so a USB stick's FAT file system) forbids in a file name, and path separators. */
const FORBIDDEN_IN_FILE_NAMES = /[\\/:*?"<>|]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_FILE_NAME = 200;

/**
 * A file name safe to show and to save on any of the offices' systems: safeName, no folder parts or characters
 * Windows forbids (each becomes "_"), no trailing dots or spaces, not a reserved device name, at most 200
 * characters (the extension kept). An empty result becomes "附件".
 */
export function safeFileName(name: string): string {
  let out = safeName(name).replace(FORBIDDEN_IN_FILE_NAMES, '_').replace(/[. ]+$/, '');
  if (out === '' || /^\.+$/.test(out)) out = '附件';
  if (WINDOWS_RESERVED.test(out)) out = `_${out}`;
  if (out.length > MAX_FILE_NAME) {
    const dot = out.lastIndexOf('.');
    const ext = dot > 0 && out.length - dot <= 17 ? out.slice(dot) : '';
    out = out.slice(0, MAX_FILE_NAME - ext.length) + ext;
  }
  return out;
}

/** Latin look-alikes in Cyrillic and Greek (the ones that pass for Latin letters in unit names and codes). */
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ζ: 'z', η: 'n', μ: 'u',
};

/**
 * What a name looks like, for spotting look-alike units: safeName, compatibility forms folded (NFKC: full-width
 * letters and digits, CJK compatibility ideographs, Kangxi radicals), Cyrillic and Greek look-alikes of Latin
 * letters folded, case and white space ignored. Two different names with the same key are shown to the user as
 * probably the same unit; they are never merged silently.
 */
export function lookAlikeKey(name: string): string {
  return [...safeName(name).normalize('NFKC').toLowerCase()]
    .map((ch) => CONFUSABLE[ch] ?? ch)
    .join('')
    .replace(/\s+/g, '');
}
