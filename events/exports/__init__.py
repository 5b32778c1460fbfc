"""Machine-readable exports of the programme: calendars and schedule formats, all rendered
from ``queries.build_schedule``, and the schema.org data of the pages' share cards."""
