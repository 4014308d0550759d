/** '2024-12-20' → '2024年12月20日' (GB/T 9704: Arabic numerals, year, month and day in full, no leading zeros). */
export function chineseDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
