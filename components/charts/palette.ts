/** Series colours, in order: brand blue, then hues that stay apart for colour-blind readers. */
export const SERIES_COLORS = ["#2f6fed", "#f59e0b", "#dc2626", "#0d9488", "#7c3aed", "#64748b"] as const;

/** Colours with a meaning, for series that have one. */
export const TONE_COLORS = { ok: "#059669", warn: "#d97706", bad: "#dc2626", info: "#2f6fed", muted: "#94a3b8" } as const;

export const colorAt = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length]!;
