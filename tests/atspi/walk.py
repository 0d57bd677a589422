"""A Tab walk on the screen shown, with real key presses (xdotool): every stop named, inside
the open dialog if there is one, and never outside the page (GTK's silent stops around the
webview). The page notes each stop (focusin) and whether the window's page lost the focus;
after a whole round, the last stop is also read over AT-SPI, as Orca would get it.

Each Tab press the page receives (keydown) must move the focus to a stop in the page: a press
without a stop after it took the focus to GTK's stops outside the page. A press that never
reached the page proves nothing about it: it is sent again (at most twice per walk) and the
run says so. Once on CI, a walk of the visits' dialog counted 17 presses and 16 stops, the
window never losing the focus; four runs here did not show it again.

Each stop the walk will make is also found in the AT-SPI tree (`marked`: by its id, a
temporary one if it has none) and must have a name there, whatever its role: a grid's
appointment block, a region that takes the focus, not only the controls.

A long screen (the agenda's grid, the visits' table) is walked over its last stops and round
to the first: that is where Tab would leave the page. The agenda as it opens is walked all
round (test_screens.py, WHOLE_ROUND)."""

import time

from conftest import Reader

# At most this many stops walked before the end of the round (each Tab press is real).
LONGEST = 15
# Tab presses past the last stop: back to the first, and one more.
ROUND = 2
# Times a walk sends again the Tab presses the page never received.
LOST = 2
# The temporary id of a stop that has none, while the AT-SPI tree is read.
MARK = "atspi-stop-"

TABBABLE = """
// The dialog on top (the help over a booking: the booking's, under it, is inert).
const dialogs = [...document.querySelectorAll('dialog[open]')];
const scope = dialogs.find(d => d.contains(document.activeElement)) || dialogs.pop() || document;
return [...scope.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
  + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')]
  .filter(e => e.getClientRects().length && !e.closest('[hidden], dialog:not([open])'));
"""

MARK_STOPS = "const tabbable = (() => {" + TABBABLE + """})();
const from = Math.max(0, tabbable.length - arguments[0]);
const walked = [...tabbable.slice(from), ...tabbable.slice(0, arguments[1])];
return [...new Set(walked)].map((e, n) => {
  if (!e.id) e.id = arguments[2] + n;
  const radios = e.type === 'radio' ? ' name=' + e.name : '';
  return {what: `<${e.tagName.toLowerCase()}${radios}>`, id: e.id};
});
"""

UNMARK = "document.querySelectorAll(`[id^=\"${arguments[0]}\"]`).forEach(e => e.removeAttribute('id'));"

RECORD = "const tabbable = (() => {" + TABBABLE + """})();
window.__walk = {stops: [], left: 0, keys: 0};
const nameOf = (e) => {
  const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/).map(i => document.getElementById(i)).filter(Boolean);
  const label = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
  return (e.getAttribute('aria-label') || by.map(l => l.textContent).join(' ') || (label && label.textContent)
    || e.closest('label')?.textContent || e.getAttribute('title') || e.getAttribute('placeholder')
    || (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) ? '' : e.innerText) || '').replace(/\\s+/g, ' ').trim();
};
window.__walkIn = (e) => window.__walk.stops.push({
  what: `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}>`, name: nameOf(e),
  inDialog: !!e.closest('dialog[open]'), inPage: e !== document.body, key: window.__walk.keys});
document.addEventListener('focusin', (ev) => window.__walkIn(ev.target));
// Before any handler of the page (capture, on the window): every Tab the page receives.
window.addEventListener('keydown', (ev) => { if (ev.key === 'Tab') window.__walk.keys += 1; }, true);
window.addEventListener('blur', () => { window.__walk.left += 1; });
const from = Math.max(0, tabbable.length - arguments[0]);
if (tabbable.length) tabbable[from].focus();
window.__walkFirst = tabbable[from];
window.__walk.stops = [];
window.__walk.keys = 0;
return {count: tabbable.length, from, dialog: !!document.querySelector('dialog[open]')};
"""


def marked(driver, longest: int = LONGEST) -> list[dict]:
    """Gives an id to each stop the walk will make that has none (until `unmark`), so that its
    object is found in the AT-SPI tree; returns them ({what, id})."""
    return driver.execute_script(MARK_STOPS, longest, ROUND, MARK)


def unmark(driver) -> None:
    driver.execute_script(UNMARK, MARK)


def unnamed_over_atspi(nodes: list[dict], stops: list[dict]) -> list[str]:
    """The stops whose object, in the AT-SPI tree, has no name (or is not there at all)."""
    found = []
    for stop in stops:
        objects = [n for n in nodes if n["id"] == stop["id"]]
        label = stop["what"] if stop["id"].startswith(MARK) else f"{stop['what'][:-1]} id={stop['id']}>"
        if not objects:
            found.append(f"Tab stop {label} is not in the AT-SPI tree")
        elif not any(n["name"].strip() for n in objects):
            found.append(f"Tab stop {label} has no name over AT-SPI (« {objects[0]['role']} »)")
    return found


def received(driver, presses: int, settle: float = 1.0) -> dict:
    """The walk as the page saw it, once it has received `presses` Tab presses and made their
    stops, or nothing more came for `settle` seconds (a press may still be on its way)."""
    walk, last, quiet = None, None, time.monotonic()
    while True:
        walk = driver.execute_script("return window.__walk")
        state = (walk["keys"], len(walk["stops"]), walk["left"])
        if walk["keys"] >= presses and len(walk["stops"]) >= walk["keys"]:
            return walk
        if state != last:
            last, quiet = state, time.monotonic()
        elif time.monotonic() - quiet > settle:
            return walk
        time.sleep(0.05)


def tab_problems(driver, reader: Reader, longest: int = LONGEST) -> list[str]:
    """Walks Tab over the screen's last `longest` stops and round to its first; returns what
    went wrong."""
    reader.take_keyboard()
    plan = driver.execute_script(RECORD, longest)
    if plan["count"] == 0:
        return []
    presses = plan["count"] - plan["from"] + ROUND
    reader.key(*["Tab"] * presses, delay=25)
    walk = received(driver, presses)
    for _ in range(LOST):
        if walk["left"] or walk["keys"] >= presses:
            break
        print(f"\n  {presses - walk['keys']} Tab press(es) of {presses} never reached the page: sent again")
        reader.key(*["Tab"] * (presses - walk["keys"]), delay=25)
        walk = received(driver, presses)
    found = []
    if walk["left"]:
        found.append("Tab left the page (the window's page lost the focus)")
    if plan["count"] == 1:
        # A single stop (the help over a dialog: its close button): Tab stays on it.
        if not driver.execute_script("return document.activeElement === window.__walkFirst"):
            found.append(f"{presses} Tab presses on the only stop: the focus left it")
    else:
        if walk["keys"] < presses:
            found.append(f"{presses} Tab presses, {walk['keys']} reached the page, even sent again")
        # Each press the page received makes a stop in it: one without went outside the page.
        made = {stop["key"] for stop in walk["stops"]}
        if missing := [n for n in range(1, walk["keys"] + 1) if n not in made]:
            found.append(f"{walk['keys']} Tab presses in the page, {len(walk['stops'])} stops in it: press"
                         f" {', '.join(map(str, missing))} went outside it"
                         f" (stops: {' '.join(s['what'] for s in walk['stops'])})")
    for n, stop in enumerate(walk["stops"], 1):
        if not stop["name"]:
            found.append(f"Tab stop {n}, {stop['what']}, has no name")
        if plan["dialog"] and not stop["inDialog"]:
            found.append(f"Tab stop {n}, {stop['what']}, is outside the open dialog")
    if plan["from"] == 0:
        # A whole round: where the focus is after it, read over AT-SPI too (one read, about half
        # a second: not after each screen's walk, where the page's own count of stops and of
        # the window losing the focus says the same).
        last = reader.focus(settle=0.2)
        if last is None or not (last["role"] == "document web" or any(r == "document web" for r, _ in last["ancestors"])):
            found.append(f"after the walk, the focus is outside the page: {last and (last['role'], last['name'])}")
    return found
