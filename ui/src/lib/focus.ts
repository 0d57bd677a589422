// Where the keyboard goes: what Tab reaches, and keeping it inside a part of the page.

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** What Tab reaches in `root`, in order (hidden parts and closed dialogs left out). */
export function tabbable(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => !el.closest("[hidden]") && !el.closest("dialog:not([open])"),
  );
}

/**
 * Tab on the last stop of `root` goes to its first, Shift+Tab on the first to the last: the
 * keyboard never leaves `root` (a dialog, or the window, whose toolkit would otherwise give
 * Tab to silent stops outside the page). Returns whether it moved the focus.
 */
export function wrapTab(event: KeyboardEvent, root: ParentNode & Node): boolean {
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return false;
  const items = tabbable(root);
  if (items.length === 0) return false;
  const first = items[0];
  const last = items[items.length - 1];
  const at = document.activeElement;
  const outside = !(at instanceof Node) || !root.contains(at) || at === document.body;
  if (event.shiftKey && (at === first || outside)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (at === last || outside)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

/**
 * A Svelte action for a message that refuses what was just asked (role="alert"): focus goes
 * to it when it appears and whenever its text changes, so that a screen reader reads it even
 * where alerts are not announced (WebKitGTK with Orca 43, which also reads a focused alert
 * by its name only: the message is its name).
 */
export function spoken(node: HTMLElement, text: string | null) {
  node.tabIndex = -1;
  const show = (words: string | null) => {
    // Named first, focused a frame later: a name that changes with the focus comes too late.
    node.setAttribute("aria-label", words ?? "");
    requestAnimationFrame(() => node.isConnected && node.focus());
  };
  show(text);
  return { update: show };
}
