// The desk's place in a CalDAV network, as the navigation column and Paramètres › Réseau show
// it. `sharingStatus()` is a local read (no request to the server): cheap enough to poll.
import type { SharingStatus } from "./api";
import { call, commands } from "./api";

let current: SharingStatus | null = $state(null);

export const sharing = {
  /** The last status read; `null` before the first read. */
  get status(): SharingStatus | null {
    return current;
  },
};

/** Keeps a status just received (from a sync or a join) without asking again. */
export function showSharing(status: SharingStatus): void {
  current = status;
}

/** Reads the status again. A failed read keeps the last one: the line is never blanked by it. */
export async function refreshSharing(): Promise<SharingStatus | null> {
  try {
    current = await call(commands.sharingStatus());
  } catch {
    // The next poll tries again.
  }
  return current;
}

/** How often the navigation column reads the status again. */
export const SHARING_POLL_MS = 15_000;

/** What a person is told of a booking whose place the network's server has not confirmed. */
export const UNCONFIRMED =
  "Le serveur du réseau n'a pas répondu à temps : la place sera confirmée à la prochaine synchronisation, ou signalée comme conflit si un autre poste l'a prise entre-temps.";
