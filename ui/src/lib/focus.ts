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
 * After a change of screen: focus goes to the new screen's title (its first `h1`), which a
 * screen reader then reads; the landmark itself when it has none.
 */
export function focusTitle(main: HTMLElement | null): void {
  if (!main) return;
  const title = main.querySelector<HTMLElement>("h1");
  if (title) {
    title.tabIndex = -1;
    title.focus();
  } else {
    main.focus();
  }
}

/**
 * A Svelte action for a message that refuses what was just asked (role="alert"): focus goes
 * to it when it appears and whenever its text changes, so that a screen reader reads it even
 * where alerts are not announced (WebKitGTK with Orca).
 */
export function spoken(node: HTMLElement, _text?: unknown) {
  node.tabIndex = -1;
  const show = () => requestAnimationFrame(() => node.isConnected && node.focus());
  show();
  return { update: show };
}
