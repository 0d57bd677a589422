// The tests' configuration: the app's (vite.config.ts), and the repository's root served to
// them, since ui/tests/firstScreen.test.ts reads ../budgets.toml. Kept apart so that the build
// is not changed by what only the tests need. A style sheet read as text (`app.css?raw`, by
// ui/tests/fontPreload.test.ts) is given as it is: Vitest empties every other style sheet.
import { mergeConfig } from "vitest/config";
import viteConfig from "./vite.config";

export default mergeConfig(viteConfig, {
  server: { fs: { allow: [".."] } },
  test: { css: { include: [/\.css\?raw$/] } },
});
