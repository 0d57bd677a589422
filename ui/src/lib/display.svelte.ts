// How the screen looks for the person in front of it: high contrast and large text.
// The mediator switches them for a resident (header buttons or Paramètres); they are kept on
// this computer and applied to the whole interface through attributes on <html> (app.css).
const KEY = "permanences.display";

interface Display {
  contrast: boolean;
  largeText: boolean;
}

function read(): Display {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Display>;
    return { contrast: saved.contrast === true, largeText: saved.largeText === true };
  } catch {
    return { contrast: false, largeText: false };
  }
}

const current: Display = $state(read());

function apply(): void {
  const root = document.documentElement;
  if (current.contrast) root.dataset.contrast = "high";
  else delete root.dataset.contrast;
  if (current.largeText) root.dataset.text = "large";
  else delete root.dataset.text;
}

function save(): void {
  localStorage.setItem(KEY, JSON.stringify(current));
  apply();
}

/** The display preferences; setting one applies and keeps it at once. */
export const display = {
  get contrast() {
    return current.contrast;
  },
  set contrast(on: boolean) {
    current.contrast = on;
    save();
  },
  get largeText() {
    return current.largeText;
  },
  set largeText(on: boolean) {
    current.largeText = on;
    save();
  },
};

/** Applies the saved preferences; called once before the interface is drawn (no flash). */
export function applyDisplay(): void {
  apply();
}
