"""The congress in a generated province (the demo's 演示省 and the bench's), one module per
part: sessions across every school (bulk rows) with the first school's walked through the
services, its delegates, and the federations' ratings.

    counts = write_congress(plan, written, day, logins)
"""

from typing import Any


def write_congress(plan: Any, written: Any, day: Any, logins: list[Any]) -> dict[str, int]:
    """Write the congress of the whole province; returns counts by kind for the audit."""
    counts: dict[str, int] = {}
    # --- sessions -----------------------------------------------------------------------
    from .sessions import first_school, write_sessions

    counts |= write_sessions(written.province, first_school(written.province), day.today)

    # --- delegates ----------------------------------------------------------------------
    from .delegates import write_delegates

    counts |= write_delegates(written.province, day, logins)

    # --- rating -------------------------------------------------------------------------
    from .rating import write_ratings

    counts |= write_ratings(written, day, logins)

    # --- proposals: writing and co-signing ------------------------------------------------

    # --- proposals: the committee -----------------------------------------------------

    # --- proposals: handling ----------------------------------------------------------

    # --- proposals: publishing and figures --------------------------------------------
    from .proposals import write_proposals

    counts |= write_proposals(written, day, logins)

    # --- elections: paper mode and demo data ----------------------------------------------
    from .elections import write_elections

    counts |= write_elections(written, day, logins)

    return counts
