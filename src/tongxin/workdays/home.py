"""The federation admin's reminder, on the home page, of years whose holidays are missing."""

from typing import Any

from tongxin.accounts.models import Role
from tongxin.core.registration import HomePart

from .selectors import years_needing_entry


def _calendar_missing(grant: Any, node: Any, user: Any) -> dict[str, Any]:
    return {"calendar_missing": years_needing_entry()}


PARTS = [
    HomePart(Role.FEDERATION_ADMIN, "workdays/home/_calendar_missing.html", _calendar_missing, 10)
]
