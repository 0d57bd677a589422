// Says "drawn" the way Permanences does, then idles; the same steps as the app's screen tour.
const mark = (step) => window.__TAURI_INTERNALS__.invoke("footprint_mark", { step });
// "page N": milliseconds from the page's navigation to its drawing, as the app's tour says.
requestAnimationFrame(async () => {
  const at = performance.now();
  await mark("agenda");
  await mark(`page ${at.toFixed(1)}`);
  await mark("idle");
});
