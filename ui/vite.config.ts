import { readFileSync } from "node:fs";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// The UI font comes from assets/fonts (app.css points there); its licence (SIL OFL 1.1) asks
// that the notice travel with the font files, so the bundle carries it beside them.
function fontLicence(): Plugin {
  return {
    name: "font-licence",
    apply: "build",
    generateBundle() {
      const licence = new URL("../assets/fonts/OFL.txt", import.meta.url);
      this.emitFile({ type: "asset", fileName: "assets/OFL-AtkinsonHyperlegible.txt", source: readFileSync(licence) });
    },
  };
}

export default defineConfig({
  plugins: [svelte(), fontLicence()],
  // Tauri serves the files itself: relative paths, no dev-server niceties in the bundle.
  base: "./",
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // Small bundles are a goal: keep source maps out of what the app embeds.
    sourcemap: false,
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
  },
});
