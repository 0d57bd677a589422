"""What a screen reader gets from the app's window, read over AT-SPI: prints JSON.

Runs with the system Python (/usr/bin/python3), which has `gi` and Atspi; the test harness in
the project's venv calls it as a subprocess.

    tree.py PID          every object of the app's web page: role, name, description, states,
                         HTML tag and id, nesting (parent index)
    tree.py PID focus    only the object that has the keyboard focus (null if none)
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

STATES = {
    "focusable": Atspi.StateType.FOCUSABLE,
    "focused": Atspi.StateType.FOCUSED,
    "showing": Atspi.StateType.SHOWING,
    "modal": Atspi.StateType.MODAL,
    "required": Atspi.StateType.REQUIRED,
    "enabled": Atspi.StateType.ENABLED,
    "sensitive": Atspi.StateType.SENSITIVE,
}


def app_of(pid: int):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except gi.repository.GLib.Error:
            continue
    return None


def describe(obj, parent: int, depth: int) -> dict:
    states = obj.get_state_set()
    try:
        attrs = obj.get_attributes() or {}
    except gi.repository.GLib.Error:
        attrs = {}
    return {
        "role": obj.get_role_name(),
        "name": obj.get_name() or "",
        "description": obj.get_description() or "",
        "states": [k for k, v in STATES.items() if states.contains(v)],
        "tag": attrs.get("tag", ""),
        "id": attrs.get("id", ""),
        "xmlRoles": attrs.get("xml-roles", ""),
        "current": attrs.get("current", ""),
        "parent": parent,
        "depth": depth,
    }


def walk(obj, out: list, parent: int, depth: int) -> None:
    try:
        node = describe(obj, parent, depth)
    except gi.repository.GLib.Error:
        return
    out.append(node)
    here = len(out) - 1
    try:
        count = obj.get_child_count()
    except gi.repository.GLib.Error:
        return
    for i in range(count):
        child = obj.get_child_at_index(i)
        if child is not None:
            walk(child, out, here, depth + 1)


def focused(obj, in_page: bool = False):
    """The focused object: the deepest one whose state set says FOCUSED. In the page, parts
    not showing are skipped (they cannot hold the focus); the toolkit's containers above the
    page are walked whatever their state (GTK leaves some without SHOWING)."""
    try:
        role = obj.get_role_name()
        states = obj.get_state_set()
        count = obj.get_child_count()
    except gi.repository.GLib.Error:
        return None
    in_page = in_page or role == "document web"
    for i in range(count):
        child = obj.get_child_at_index(i)
        if child is None:
            continue
        try:
            if in_page and not child.get_state_set().contains(Atspi.StateType.SHOWING):
                continue
        except gi.repository.GLib.Error:
            continue
        found = focused(child, in_page)
        if found is not None:
            return found
    if states.contains(Atspi.StateType.FOCUSED) and role not in ("frame", "application"):
        return obj
    return None


def text_of(obj) -> str:
    """What a screen reader reads of an object with text (a message, a field's value)."""
    try:
        text = obj.get_text_iface()
        return text.get_text(0, text.get_character_count()) if text is not None else ""
    except (gi.repository.GLib.Error, AttributeError):
        return ""


def ancestors(obj) -> list:
    """[role, name] of each container of `obj`, the nearest first, up to the application."""
    out = []
    try:
        parent = obj.get_parent()
        while parent is not None:
            out.append([parent.get_role_name(), parent.get_name() or ""])
            parent = parent.get_parent()
    except gi.repository.GLib.Error:
        pass
    return out


def main() -> None:
    pid = int(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "tree"
    app = app_of(pid)
    if app is None:
        print(json.dumps(None))
        return
    if mode == "focus":
        obj = focused(app)
        if obj is None:
            print(json.dumps(None))
            return
        node = describe(obj, -1, 0)
        node["ancestors"] = ancestors(obj)
        node["text"] = text_of(obj)
        print(json.dumps(node, ensure_ascii=False))
        return
    out: list = []
    walk(app, out, -1, 0)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
