/**
 * When forms check their fields in the browser: on leaving a field, and, once a field shows an
 * error, again while typing, so the error clears before the submit click (no layout jump under
 * the pointer that would swallow the click).
 */
export const FIELD_VALIDATION = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;
