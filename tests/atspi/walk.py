"""A Tab walk on the screen shown, with real key presses (xdotool): every stop named, inside
the open dialog if there is one, and never outside the page (GTK's silent stops around the
webview). The page notes each stop (focusin) and whether the window's page lost the focus;
the last stop is also read over AT-SPI, as Orca would get it.

A long screen (the agenda's grid, the visits' table) is walked over its last stops and round
to the first: that is where Tab would leave the page."""

from conftest import Reader

# At most this many stops walked before the end of the round (each Tab press is real).
LONGEST = 15

RECORD = """
const scope = document.querySelector('dialog[open]') || document;
const tabbable = [...scope.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
  + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')]
  .filter(e => e.getClientRects().length && !e.closest('[hidden], dialog:not([open])'));
window.__walk = {stops: [], left: 0};
const nameOf = (e) => {
  const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/).map(i => document.getElementById(i)).filter(Boolean);
  const label = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
  return (e.getAttribute('aria-label') || by.map(l => l.textContent).join(' ') || (label && label.textContent)
    || e.closest('label')?.textContent || e.getAttribute('title') || e.getAttribute('placeholder')
    || (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) ? '' : e.innerText) || '').replace(/\\s+/g, ' ').trim();
};
window.__walkIn = (e) => window.__walk.stops.push({
  what: `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}>`, name: nameOf(e),
  inDialog: !!e.closest('dialog[open]'), inPage: e !== document.body});
document.addEventListener('focusin', (ev) => window.__walkIn(ev.target));
window.addEventListener('blur', () => { window.__walk.left += 1; });
const from = Math.max(0, tabbable.length - arguments[0]);
if (tabbable.length) tabbable[from].focus();
window.__walk.stops = [];
return {count: tabbable.length, from, dialog: !!document.querySelector('dialog[open]')};
"""


def tab_problems(driver, reader: Reader) -> list[str]:
    """Walks Tab over the screen's last stops and round to its first; returns what went wrong."""
    reader.take_keyboard()
    plan = driver.execute_script(RECORD, LONGEST)
    if plan["count"] == 0:
        return []
    presses = plan["count"] - plan["from"] + 2
    reader.key(*["Tab"] * presses, delay=25)
    walk = driver.execute_script("return window.__walk")
    found = []
    if walk["left"]:
        found.append("Tab left the page (the window's page lost the focus)")
    if len(walk["stops"]) < presses:
        found.append(f"{presses} Tab presses, {len(walk['stops'])} stops in the page: some went outside it")
    for n, stop in enumerate(walk["stops"], 1):
        if not stop["name"]:
            found.append(f"Tab stop {n}, {stop['what']}, has no name")
        if plan["dialog"] and not stop["inDialog"]:
            found.append(f"Tab stop {n}, {stop['what']}, is outside the open dialog")
    last = reader.focus(settle=0.2)
    if last is None or not (last["role"] == "document web" or any(r == "document web" for r, _ in last["ancestors"])):
        found.append(f"after the walk, the focus is outside the page: {last and (last['role'], last['name'])}")
    return found
