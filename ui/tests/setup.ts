// Run before every test file (vite.config.ts, `setupFiles`): jsdom has <dialog> but not its
// modal methods, which the app's dialogs call.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

// `open_agenda` (the first screen in one trip) answered from each test's own answers for the
// commands it gathers: tests/opening.ts.
import { vi } from "vitest";

vi.mock("@tauri-apps/api/mocks", async (importOriginal) => {
  const real = await importOriginal<typeof import("@tauri-apps/api/mocks")>();
  const { openingOf } = await import("./opening");
  type Handler = Parameters<typeof real.mockIPC>[0];
  return {
    ...real,
    mockIPC: (handler: Handler, options?: Parameters<typeof real.mockIPC>[1]) =>
      real.mockIPC(
        (cmd, args) => (cmd === "open_agenda" ? openingOf(handler as never, (args ?? {}) as never) : handler(cmd, args)),
        options,
      ),
  };
});
