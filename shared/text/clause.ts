/**
 * A user's sentence used as a clause inside a longer one ("…：佐证材料不足，请修改后重新报送", "解决方案：…；提交…"):
 * trimmed, without the full stop or other mark it was typed with, so the joined text carries no "。；" or "。，".
 */
export function asClause(text: string | null | undefined): string {
  return (text ?? '').trim().replace(/[。．.；;，,！!\s]+$/u, '');
}
