import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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

// The guide (docs/guide/*.md) built into the app: `virtual:guide` exports the pages' Markdown
// (file name → text) and the pictures they show (link → bundled URL), read from the repository
// at build time (no network, nothing fetched at run time). Only the pictures a page links are
// bundled; one missing is left out (the page shows its description) and a test names it.
// Built, each picture is emitted once under a stable name, `guide/<file name>`: the app's
// binary reads it there too, to print the guide in PDF (src-tauri/src/bundle.rs), so the
// package carries one copy of each picture.
function guide(): Plugin {
  const id = "virtual:guide";
  const dir = fileURLToPath(new URL("../docs/guide/", import.meta.url));
  let building = false;
  return {
    name: "guide",
    configResolved(config) {
      building = config.command === "build";
    },
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(source) {
      if (source !== `\0${id}`) return;
      const files = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
      const texts: Record<string, string> = {};
      const pictures = new Map<string, string>();
      for (const file of files) {
        const path = join(dir, file);
        this.addWatchFile(path);
        texts[file] = readFileSync(path, "utf8");
        for (const m of texts[file].matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
          const picture = resolve(dirname(path), m[1]);
          if (existsSync(picture)) pictures.set(m[1], picture);
        }
      }
      // Built: an asset of the bundle under its own name. Served (vitest, dev): read where it is.
      const url = (path: string) => {
        if (!building) return JSON.stringify(`/@fs${path}`);
        const ref = this.emitFile({ type: "asset", fileName: `guide/${basename(path)}`, source: readFileSync(path) });
        return `import.meta.ROLLUP_FILE_URL_${ref}`;
      };
      const links = [...pictures.entries()];
      return [
        `export const files = ${JSON.stringify(texts)};`,
        `export const pictures = {${links.map(([link, path]) => `${JSON.stringify(link)}: ${url(path)}`).join(", ")}};`,
      ].join("\n");
    },
  };
}

export default defineConfig({
  plugins: [svelte(), fontLicence(), guide()],
  // Tauri serves the files itself: relative paths, no dev-server niceties in the bundle.
  base: "./",
  // The guide's pages and pictures live in docs/ (see `guide`).
  server: { fs: { allow: [".", "../docs"] } },
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
