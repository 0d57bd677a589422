// Small helpers shared by the forms: where the core's error goes, and focusing it.
import { CoreError, messageOf } from "./api";

/** The state of a form after a refused save: one message, and the field at fault if known. */
export interface FormError {
  message: string;
  field: string | null;
}

export function toFormError(e: unknown): FormError {
  if (e instanceof CoreError) return { message: e.message, field: e.field };
  return { message: messageOf(e), field: null };
}

/** Moves focus to the input of `field` (ids are `${prefix}-${field}`), after the DOM updates. */
export function focusField(prefix: string, field: string | null): void {
  requestAnimationFrame(() => {
    const el = field ? document.getElementById(`${prefix}-${field}`) : null;
    (el ?? document.getElementById(`${prefix}-error`))?.focus();
  });
}
