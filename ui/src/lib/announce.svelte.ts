// One polite live region for the whole app: status messages are announced by screen readers.
// It sits in the navigation column, in the flow (App.svelte): it never covers a button.
let text = $state("");
let timer: ReturnType<typeof setTimeout> | undefined;

export const status = {
  get text() {
    return text;
  },
};

/** Shows and announces a short confirmation ("Lieu enregistré."). */
export function announce(message: string): void {
  // Clearing first makes a repeated identical message be read again.
  text = "";
  queueMicrotask(() => {
    text = message;
  });
  clearTimeout(timer);
  timer = setTimeout(() => {
    text = "";
  }, 6000);
}

/** The live region's id: what a focused element is described by. */
export const STATUS_ID = "live-status";

/**
 * Shows the confirmation and puts the focus back where the person was (`target()`, asked a
 * frame later, once the page has redrawn), described by the confirmation until it loses the
 * focus. Orca 43 on WebKitGTK reads no polite status, but reads what takes the focus, its
 * name then its description: « Prendre un rendez-vous, bouton. Rendez-vous enregistré : … ».
 */
export function announceAt(message: string, target: () => HTMLElement | null | undefined): void {
  announce(message);
  requestAnimationFrame(() => {
    const el = target();
    // The live region (App.svelte) gets the id the description points to.
    const live = document.querySelector(".live-status");
    if (live && !live.id) live.id = STATUS_ID;
    if (!el?.isConnected) return;
    const before = el.getAttribute("aria-describedby");
    el.setAttribute("aria-describedby", [STATUS_ID, before].filter(Boolean).join(" "));
    el.addEventListener(
      "blur",
      () => (before === null ? el.removeAttribute("aria-describedby") : el.setAttribute("aria-describedby", before)),
      { once: true },
    );
    // Described first, focused a frame later: a description given with the focus comes too late.
    requestAnimationFrame(() => el.isConnected && el.focus());
  });
}

/** Clears the message (another area is opened: the message was about the one left). */
export function clearStatus(): void {
  clearTimeout(timer);
  text = "";
}
