"""An export that has nothing to hold, and says why (rather than an empty, invalid file)."""


class NothingToExport(Exception):
    """A format with nothing to put in it for this version: an iCalendar file of a course
    with no start date, or with no dated live session (RFC 5545 wants at least one event).

    Its message is a sentence for the person who asked, saying what to change.
    """
