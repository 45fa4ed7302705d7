/** Makes a random id for a new column, card, item or comment: [A-Za-z0-9_-], well under 64 characters. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`;
}
