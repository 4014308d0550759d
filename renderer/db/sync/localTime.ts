/** ISO 8601 in this PC's local time with its offset ("2024-10-01T09:30:00+08:00"): the day users recognise. */
export function localIso(date: Date): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

/** "20241001-093000" for file names. */
export function fileTime(date: Date): string {
  return localIso(date).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
