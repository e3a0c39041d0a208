/** Parses JSON typed by a user: the value, or the parser's message. Blank text is `empty`. */
export function parseJson(text: string): { empty: true } | { empty: false; value: unknown } | { empty: false; error: string } {
  if (text.trim() === '') return { empty: true };
  try {
    return { empty: false, value: JSON.parse(text) };
  } catch (error) {
    return { empty: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Visitor traits: a JSON object, or blank for none. */
export function parseTraits(text: string): { traits?: Record<string, unknown>; error?: 'json' | 'object'; detail?: string } {
  const parsed = parseJson(text);
  if (parsed.empty) return {};
  if ('error' in parsed) return { error: 'json', detail: parsed.error };
  return isPlainObject(parsed.value) ? { traits: parsed.value } : { error: 'object' };
}
