"""A third-party CalDAV client (the `caldav` library) on the network's server, for
`sharing_third_party.rs`. Reads one JSON request file (argument 1) and prints one JSON report.

Request: {"url", "user", "password", "site_calendar": "permanences-<uid>",
          "places_prefix": "permanences-places",  # a calendar of places per site and month
          "expand": ["2027-03-23", ...],           # days to expand the permanence on
          "move": [{"uid", "start": "YYYY-MM-DDTHH:MM"}],  # Paris wall-clock times
          "cancel": [uid], "delete": [uid],
          # Events of the client's own (no X-PERMANENCES-DATA), written as clients write
          # them: a Paris wall-clock "start" with "end" or "duration" (RFC 5545), floating
          # (no TZID) when "floating" is true, or an all-day "date".
          "add": [{"uid", "summary", "start", "end", "duration", "date", "floating",
                   "rrule": "FREQ=WEEKLY", "exdate": ["YYYY-MM-DDTHH:MM" or "YYYY-MM-DD"]}],
          # One occurrence of a repeating event moved or cancelled, as clients do it: a
          # VEVENT with RECURRENCE-ID (Paris wall clock) added to the event's resource.
          "override": [{"uid", "recurrence_id", "start", "end", "cancelled": true}],
          "floating_ok": true,   # the server may hold floating times (after a client's move)
          # A calendar of the client's own (a mediator's agenda), made first if missing; then
          # "site_calendar" may name it, and the edits go there.
          "make_calendar": {"id": "agenda-nadia", "name": "Agenda de Nadia"},
          "delete_calendar": true}  # then "site_calendar" itself is deleted, last

Report: {"calendars": [names], "appointments": {uid: {...}}, "permanence": {day: [...]},
         "places": [{"name", "calendar", ...}], "done": [...]}. The edits are made after the listing, so the
listing shows what the desk wrote.
"""

import datetime
import json
import sys
from zoneinfo import ZoneInfo

import caldav
import icalendar
import recurring_ical_events

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc
FLOATING_OK = False


def name_of(url):
    return str(url).rstrip("/").rsplit("/", 1)[-1]


def unescape(raw):
    """RFC 5545 TEXT unescaping (the library keeps an unknown property's text as written)."""
    out, chars = [], iter(raw)
    for c in chars:
        if c != "\\":
            out.append(c)
            continue
        n = next(chars, "\\")
        out.append("\n" if n in "nN" else n)
    return "".join(out)


def when(value):
    """A DTSTART/DTEND value as (Paris wall clock, UTC instant, TZID written)."""
    dt = value.dt
    tzid = value.params.get("TZID")
    if not isinstance(dt, datetime.datetime):
        return {"date": dt.isoformat(), "tzid": tzid}
    if dt.tzinfo is None:
        if FLOATING_OK:
            return {"floating": dt.strftime("%Y-%m-%dT%H:%M"), "tzid": tzid}
        raise SystemExit(f"floating time {dt}: a calendar client cannot place it")
    return {
        "paris": dt.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M"),
        "utc": dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tzid": tzid,
    }


def own_event(add):
    """An event of the client's own, as text: the form each client writes is the point."""
    def stamp(wall):
        return datetime.datetime.fromisoformat(wall).strftime("%Y%m%dT%H%M%S")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Un agenda de téléphone//FR",
             "BEGIN:VEVENT", f"UID:{add['uid']}", "DTSTAMP:20261201T090000Z",
             f"SUMMARY:{add['summary']}"]
    if "date" in add:
        lines.append("DTSTART;VALUE=DATE:" + add["date"].replace("-", ""))
    else:
        zone = "" if add.get("floating") else ";TZID=Europe/Paris"
        lines.append(f"DTSTART{zone}:{stamp(add['start'])}")
        if "end" in add:
            lines.append(f"DTEND{zone}:{stamp(add['end'])}")
    if "duration" in add:
        lines.append(f"DURATION:{add['duration']}")
    if "rrule" in add:
        lines.append(f"RRULE:{add['rrule']}")
    for ex in add.get("exdate", []):
        if "T" in ex:
            zone = "" if add.get("floating") else ";TZID=Europe/Paris"
            lines.append(f"EXDATE{zone}:{stamp(ex)}")
        else:
            lines.append("EXDATE;VALUE=DATE:" + ex.replace("-", ""))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def main():
    global FLOATING_OK
    with open(sys.argv[1], encoding="utf-8") as f:
        req = json.load(f)
    FLOATING_OK = bool(req.get("floating_ok"))
    client = caldav.DAVClient(url=req["url"], username=req["user"], password=req["password"])
    principal = client.principal()
    calendars = {name_of(c.url): c for c in principal.calendars()}
    own = req.get("make_calendar")
    if own is not None and own["id"] not in calendars:
        principal.make_calendar(name=own["name"], cal_id=own["id"])
        calendars = {name_of(c.url): c for c in principal.calendars()}
    report = {"calendars": sorted(calendars), "appointments": {}, "permanence": {},
              "places": [], "done": []}
    site = calendars[req["site_calendar"]]
    by_uid = {}
    for event in site.events():
        cal = event.icalendar_instance
        for comp in cal.walk("VEVENT"):
            uid = str(comp["UID"])
            by_uid[uid] = event
            data = comp.get("X-PERMANENCES-DATA")
            data = json.loads(unescape(str(data))) if data is not None else None
            if "RRULE" in comp:
                for day in req.get("expand", []):
                    d = datetime.date.fromisoformat(day)
                    occurrences = recurring_ical_events.of(cal).between(
                        d, d + datetime.timedelta(days=1))
                    report["permanence"][day] = [
                        {"start": when(o["DTSTART"]), "end": when(o["DTEND"]),
                         "summary": str(o.get("SUMMARY"))}
                        for o in occurrences if str(o["UID"]) == uid
                    ]
            elif data is not None and "desk" in data:
                report["appointments"][uid] = {
                    "start": when(comp["DTSTART"]),
                    "end": when(comp["DTEND"]),
                    "status": str(comp.get("STATUS")),
                    "summary": str(comp.get("SUMMARY")),
                    "data": data,
                    "href": name_of(event.url),
                }
    prefix = req.get("places_prefix", "permanences-places")
    for places in [c for name, c in sorted(calendars.items()) if name.startswith(prefix)]:
        for event in places.events():
            comp = event.icalendar_component
            report["places"].append({
                "name": name_of(event.url),
                "calendar": name_of(places.url),
                "start": when(comp["DTSTART"]),
                "appointment": str(comp.get("X-PERMANENCES-APPOINTMENT")),
            })

    for move in req.get("move", []):
        event = by_uid[move["uid"]]
        comp = event.icalendar_component
        length = comp["DTEND"].dt - comp["DTSTART"].dt
        start = datetime.datetime.fromisoformat(move["start"]).replace(tzinfo=PARIS)
        del comp["DTSTART"]
        del comp["DTEND"]
        comp.add("DTSTART", start)
        comp.add("DTEND", start + length)
        comp["SEQUENCE"] = int(comp.get("SEQUENCE", 0)) + 1
        event.save()
        report["done"].append(["moved", move["uid"], move["start"]])
    for add in req.get("add", []):
        site.save_event(own_event(add))
        report["done"].append(["added", add["uid"]])
    for o in req.get("override", []):
        event = site.event_by_uid(o["uid"])
        cal = event.icalendar_instance
        master = next(c for c in cal.walk("VEVENT") if "RECURRENCE-ID" not in c)
        moved = icalendar.Event()
        moved.add("UID", o["uid"])
        moved.add("DTSTAMP", datetime.datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
        wall = datetime.datetime.fromisoformat
        moved.add("RECURRENCE-ID", wall(o["recurrence_id"]).replace(tzinfo=PARIS))
        start = wall(o.get("start", o["recurrence_id"])).replace(tzinfo=PARIS)
        moved.add("DTSTART", start)
        if "end" in o:
            moved.add("DTEND", wall(o["end"]).replace(tzinfo=PARIS))
        else:
            moved.add("DURATION", master["DTEND"].dt - master["DTSTART"].dt
                      if "DTEND" in master else master["DURATION"].dt)
        moved.add("SUMMARY", str(master.get("SUMMARY")))
        if o.get("cancelled"):
            moved.add("STATUS", "CANCELLED")
        cal.add_component(moved)
        event.save()
        report["done"].append(["override", o["uid"], o["recurrence_id"]])
    for uid in req.get("cancel", []):
        event = by_uid[uid]
        comp = event.icalendar_component
        comp["STATUS"] = "CANCELLED"
        event.save()
        report["done"].append(["cancelled", uid])
    for uid in req.get("delete", []):
        by_uid[uid].delete()
        report["done"].append(["deleted", uid])
    if req.get("delete_calendar"):
        site.delete()
        report["done"].append(["deleted calendar", req["site_calendar"]])
    # What the server holds after the edits, as read back (the data property kept).
    if req.get("move"):
        report["after"] = {}
        for move in req["move"]:
            comp = site.event_by_uid(move["uid"]).icalendar_component
            report["after"][move["uid"]] = {
                "start": when(comp["DTSTART"]),
                "has_data": comp.get("X-PERMANENCES-DATA") is not None,
            }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
