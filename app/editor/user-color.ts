// Caret colours dark enough for white text labels (WCAG AA contrast), picked by user id so a
// person keeps the same colour on every device.
const CARET_COLORS = ["#b3261e", "#0b5c8a", "#1d6b34", "#7a3e9d", "#8a4b00", "#00677f", "#a0336a", "#4a5a0c"];

/** A stable, readable colour for a person's caret and presence badge. */
export function userColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLORS[hash % CARET_COLORS.length];
}
