import { describe, expect, it } from 'vitest';
import { IMPORT_EXTENSIONS, isImportableName } from '../../../renderer/src/features/import/acceptedFiles';
import { ACCEPTED_EXTENSIONS } from '../../../shared/parser/readers';

describe('the import screen accepts every type the readers read', () => {
  it('takes its list from the readers', () => {
    expect(IMPORT_EXTENSIONS.map((e) => `.${e}`)).toEqual([...ACCEPTED_EXTENSIONS]);
  });
  it('accepts .wps .et .rtf .odt .ods .mht (refused before) and refuses what no reader reads', () => {
    for (const name of ['通知.wps', '分工表.et', '方案.rtf', '方案.odt', '分工.ods', '网页.mht', '网页.MHTML', '措施.DOCX', '表.xls', 'a.txt']) {
      expect(isImportableName(name), name).toBe(true);
    }
    for (const name of ['setup.exe', '图片.png', '无扩展名', '压缩包.zip']) expect(isImportableName(name), name).toBe(false);
  });
});
