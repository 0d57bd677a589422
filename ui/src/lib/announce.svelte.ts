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

/** Clears the message (another area is opened: the message was about the one left). */
export function clearStatus(): void {
  clearTimeout(timer);
  text = "";
}
