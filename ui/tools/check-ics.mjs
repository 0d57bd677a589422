// Parses an .ics file with ical.js (an independent parser) and prints what it found:
//   node ui/tools/check-ics.mjs FILE.ics FROM TO
// {"events": N, "occurrences": M}, M counting every occurrence of every event that starts
// between FROM and TO (YYYY-MM-DD, both included) once recurrence rules and exceptions are
// expanded. Exits 1 with the parser's message when the file does not parse.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, from, to] = process.argv.slice(2);
try {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const first = ICAL.Time.fromDateString(from);
  const last = ICAL.Time.fromDateString(to);
  last.adjust(1, 0, 0, 0);
  let occurrences = 0;
  const events = root.getAllSubcomponents("vevent");
  for (const vevent of events) {
    const event = new ICAL.Event(vevent);
    if (!event.uid || !vevent.getFirstPropertyValue("dtstamp")) throw new Error("UID or DTSTAMP missing");
    const it = event.iterator();
    for (let next = it.next(); next && next.compare(last) < 0; next = it.next()) {
      if (next.compare(first) >= 0) occurrences += 1;
    }
  }
  console.log(JSON.stringify({ events: events.length, occurrences }));
} catch (e) {
  console.error(`ical.js: ${e.message}`);
  process.exit(1);
}
