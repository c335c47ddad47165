// Independent check of an iCalendar file: parses it with ical.js (not Ical.Net, which wrote it)
// and checks that every VEVENT has DTSTART, SUMMARY and UID, and that UIDs are unique.
// Usage: node check.mjs FILE.ics — prints "events: N" and exits 0, or prints the problems and exits 1.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs FILE.ics');
  process.exit(2);
}

const problems = [];
let events = [];
try {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  if (root.name !== 'vcalendar') problems.push(`top-level component is ${root.name}, not vcalendar`);
  for (const property of ['prodid', 'version']) {
    if (!root.getFirstPropertyValue(property)) problems.push(`VCALENDAR has no ${property.toUpperCase()}`);
  }
  events = root.getAllSubcomponents('vevent');
  const uids = new Set();
  events.forEach((event, i) => {
    for (const property of ['dtstart', 'summary', 'uid']) {
      if (!event.hasProperty(property) || event.getFirstPropertyValue(property) === null) {
        problems.push(`VEVENT #${i + 1} has no ${property.toUpperCase()}`);
      }
    }
    const uid = event.getFirstPropertyValue('uid');
    if (uid) {
      if (uids.has(uid)) problems.push(`VEVENT #${i + 1} repeats UID ${uid}`);
      uids.add(uid);
    }
  });
} catch (error) {
  console.error(`parse error: ${error?.message ?? error}`);
  process.exit(1);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`events: ${events.length}`);
