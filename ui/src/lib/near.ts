// Drawing only what is on screen: a Svelte action that calls back once its element comes near
// the visible part of the page (one screen ahead), then stops watching.

/** Calls `onnear` once `node` is within one screen's height of the viewport. */
export function near(node: HTMLElement, onnear: () => void) {
  let callback = onnear;
  // Without the browser's observer (a test's document), everything is drawn at once.
  if (typeof IntersectionObserver === "undefined") {
    queueMicrotask(() => callback());
    return {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      callback();
    },
    { rootMargin: "100% 0px" },
  );
  observer.observe(node);
  return {
    update(next: () => void) {
      callback = next;
    },
    destroy() {
      observer.disconnect();
    },
  };
}
