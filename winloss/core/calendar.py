"""Calendar invitations (iCalendar, RFC 5545 and its scheduling rules, RFC 5546) as email attachments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress

MIMETYPE = "text/calendar; method=REQUEST"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


def meeting_request(*, uid: str, sequence: int, start: datetime, end: datetime, summary: str, description: str,
                    organizer: Person, attendees: list[Person], stamp: datetime) -> bytes:
    """A METHOD:REQUEST calendar with one event, times in UTC. Send an update with the same `uid` and a higher
    `sequence`: calendars then move the event instead of adding a second one."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("meeting times need a time zone")
    calendar = Calendar()
    calendar.add("prodid", "-//Winloss//Interview program//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    event.add("description", description)
    event.add("status", "CONFIRMED")
    event.add("organizer", _address(organizer))
    for person in attendees:
        event.add("attendee", _address(person, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE"))
    calendar.add_component(event)
    return calendar.to_ical()


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    for key, value in params.items():
        address.params[key] = value
    return address
