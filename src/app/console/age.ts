/** "12 s", "5 min", "3 h", "2 days": how old a saved answer is. */
export function age(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  const d = Math.round(s / 86_400);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}
