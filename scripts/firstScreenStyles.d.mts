/** The first screen's antd component styles, as CSS text (see firstScreenStyles.mjs). */
export function firstScreenStyles(): string;
