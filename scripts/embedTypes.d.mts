/** Types of scripts/embedTypes.mjs (for its test). */
export const ENTRY: string;
export const OUTPUT: string;
/** The text of public/embed.d.ts, generated from the API's types. */
export function embedTypes(): string;
