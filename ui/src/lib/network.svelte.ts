// The desk's place in a CalDAV network, as the navigation column and Paramètres › Réseau show
// it. `networkStatus()` is a local read (no request to the server): cheap enough to poll.
import type { NetworkStatus } from "./api";
import { call, commands } from "./api";

let current: NetworkStatus | null = $state(null);

export const network = {
  /** The last status read; `null` before the first read. */
  get status(): NetworkStatus | null {
    return current;
  },
};

/** Keeps a status just received (from a sync or a join) without asking again. */
export function showNetwork(status: NetworkStatus): void {
  current = status;
}

/** Reads the status again. A failed read keeps the last one: the line is never blanked by it. */
export async function refreshNetwork(): Promise<NetworkStatus | null> {
  try {
    current = await call(commands.networkStatus());
  } catch {
    // The next poll tries again.
  }
  return current;
}

/** How often the navigation column reads the status again. */
export const NETWORK_POLL_MS = 15_000;
