// Run before every test file (vite.config.ts, `setupFiles`): jsdom has <dialog> but not its
// modal methods, which the app's dialogs call.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};
