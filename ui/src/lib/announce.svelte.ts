// One polite live region for the whole app: status messages are shown there (App.svelte, in
// the navigation column, in the flow: it never covers a button). Orca 43 on WebKitGTK reads no
// polite status, but it reads what takes the focus (its name, then its description) and a
// change of the focused element's description: so a confirmation is also given as the
// description of the element where the person is, or goes back to.
let text = $state("");
let timer: ReturnType<typeof setTimeout> | undefined;

export const status = {
  get text() {
    return text;
  },
};

/** The live region's id: what a focused element is described by. */
export const STATUS_ID = "live-status";

/** The last element of the page that had the focus (a button disabled while its action runs
 * loses it: the focus is on nothing then). */
let lastFocused: HTMLElement | null = null;
if (typeof document !== "undefined") {
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLElement && event.target !== document.body) lastFocused = event.target;
  });
}

function show(message: string): void {
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

/** Where the person is: the focused element, or the last one focused if it is still there. */
function whereThePersonIs(): HTMLElement | null {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && active !== document.documentElement) return active;
  return lastFocused?.isConnected ? lastFocused : null;
}

/** Describes `el` by the confirmation until it loses the focus, and focuses it if it has not
 * the focus: Orca reads it then, name and description; if it had the focus, Orca reads the
 * description as it changes. */
function sayAt(el: HTMLElement | null | undefined): void {
  // The live region (App.svelte) gets the id the description points to.
  const live = document.querySelector(".live-status");
  if (live && !live.id) live.id = STATUS_ID;
  if (!el?.isConnected) return;
  const before = (el.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter((id) => id && id !== STATUS_ID)
    .join(" ");
  const restore = () => (before ? el.setAttribute("aria-describedby", before) : el.removeAttribute("aria-describedby"));
  // Described by something else first: a second confirmation on the same element changes its
  // description again (Orca reads a change, not the same description twice).
  restore();
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    el.setAttribute("aria-describedby", [STATUS_ID, before].filter(Boolean).join(" "));
    el.addEventListener("blur", restore, { once: true });
    // Described first, focused a frame later: a description given with the focus comes too late.
    if (document.activeElement !== el) requestAnimationFrame(() => el.isConnected && el.focus());
  });
}

/**
 * Shows and says a short confirmation (« Lieu enregistré. »): where the focus is once the page
 * has settled (two frames, after the focus the caller moves in the next one: the button the
 * person came from), or back on the last element that had it.
 */
export function announce(message: string): void {
  show(message);
  requestAnimationFrame(() => requestAnimationFrame(() => sayAt(whereThePersonIs())));
}

/**
 * Shows the confirmation and puts the focus back where the person was (`target()`, asked a
 * frame later, once the page has redrawn), described by the confirmation until it loses the
 * focus: Orca says « Prendre un rendez-vous, bouton. Rendez-vous enregistré : … ».
 */
export function announceAt(message: string, target: () => HTMLElement | null | undefined): void {
  show(message);
  requestAnimationFrame(() => sayAt(target()));
}

/** Clears the message (another area is opened: the message was about the one left). */
export function clearStatus(): void {
  clearTimeout(timer);
  text = "";
}
