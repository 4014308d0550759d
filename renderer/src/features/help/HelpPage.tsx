/** 帮助 (filled in below). */
export function HelpPage() {
  return null;
}
