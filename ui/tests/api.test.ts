import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CoreError, call, commands, opt } from "../src/lib/api";

afterEach(() => clearMocks());

describe("call", () => {
  it("returns the data of a successful command", async () => {
    mockIPC((cmd) => (cmd === "list_sites" ? [] : null));
    await expect(call(commands.listSites(false))).resolves.toEqual([]);
  });

  it("turns the core's { kind, message, field } into a CoreError", async () => {
    mockIPC(() => {
      throw { kind: "validation", message: "Code postal : il faut cinq chiffres.", field: "postcode" };
    });
    const err = await call(commands.listSites(false)).catch((e) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("postcode");
    expect(err.message).toBe("Code postal : il faut cinq chiffres.");
  });

  it.each([
    "invalid args `includeArchived` for command `list_sites`: invalid type: string \"oui\", expected a boolean",
    "command list_sites missing required key includeArchived",
    { unexpected: 1 },
    null,
  ])("turns a refusal that is not the core's (%j) into a French message", async (refusal) => {
    mockIPC(() => {
      throw refusal;
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const err = await call(commands.listSites(false)).catch((e) => e);
    quiet.mockRestore();
    expect(err).toBeInstanceOf(CoreError);
    expect(err.message).toMatch(/^L'application n'a pas compris la demande/);
    expect(err.message).not.toMatch(/invalid|expected|missing|command|undefined/i);
    expect(err.field).toBeNull();
  });

  it("sends the arguments the Rust command expects", async () => {
    let seen: unknown = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return null;
    });
    await call(commands.setSiteArchived(3, true));
    expect(seen).toEqual({ cmd: "set_site_archived", args: { id: 3, archived: true } });
  });
});

describe("opt", () => {
  it("maps blank text to null and trims the rest", () => {
    expect(opt("   ")).toBeNull();
    expect(opt(undefined)).toBeNull();
    expect(opt("  67000 ")).toBe("67000");
  });
});
