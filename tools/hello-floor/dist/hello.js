// Says "drawn" the way Permanences does, then idles; the same steps as the app's screen tour.
const mark = (step) => window.__TAURI_INTERNALS__.invoke("footprint_mark", { step });
requestAnimationFrame(async () => {
  await mark("agenda");
  await mark("idle");
});
