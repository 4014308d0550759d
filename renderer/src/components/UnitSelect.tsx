import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { sameUnitName, suggestUnits } from '../../../shared/tracking/unitSuggest';

const NEW_PREFIX = '\u0000new:';
const SEPARATORS = /[、，,；;\n]+/;

/**
 * A field of unit names. Typing part of a name lists the units already known (best match first), and Enter picks
 * the first of them: a near-duplicate is never created silently. A new unit is added only through the last option,
 * which says so (新增单位「…」). Pasting "A、B、C" adds each name, matched to a known unit where it is the same name.
 */
export function UnitSelect({
  value,
  onChange,
  names,
  label,
  size = 'small',
  placeholder = '选择或输入单位',
}: {
  value: string[];
  onChange: (names: string[]) => void;
  /** Units already known (the plan's, and every unit on this PC). */
  names: readonly string[];
  label: string;
  size?: 'small' | 'middle';
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const typed = search.trim();
    const found = suggestUnits(typed, names, 30).filter((s) => !value.includes(s.name));
    const opts = found.map((s) => ({ value: s.name, label: s.name }));
    if (typed && !sameUnitName(typed, names) && !value.includes(typed)) opts.push({ value: `${NEW_PREFIX}${typed}`, label: `新增单位「${typed}」` });
    return opts;
  }, [search, names, value]);

  const add = (picked: string[]) => {
    const out: string[] = [];
    for (const v of picked) {
      const name = v.startsWith(NEW_PREFIX) ? v.slice(NEW_PREFIX.length) : v;
      const known = sameUnitName(name, names) ?? name;
      if (!out.includes(known)) out.push(known);
    }
    onChange(out);
  };

  return (
    <Select
      mode="multiple"
      aria-label={label}
      size={size}
      value={value}
      options={options}
      filterOption={false}
      searchValue={search}
      onSearch={(text) => {
        // A pasted list: add every name at once (each matched to a known unit when it is the same name).
        if (SEPARATORS.test(text)) {
          const parts = text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
          add([...value, ...parts]);
          setSearch('');
          return;
        }
        setSearch(text);
      }}
      onChange={(v: string[]) => {
        add(v);
        setSearch('');
      }}
      onBlur={() => setSearch('')}
      style={{ width: '100%' }}
      placeholder={placeholder}
      notFoundContent={null}
      popupMatchSelectWidth={false}
      data-testid={`unit-select-${label}`}
    />
  );
}
