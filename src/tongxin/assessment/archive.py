"""The assessment entries of an officer's growth archive (成长档案)."""

from tongxin.accounts.models import User
from tongxin.core.registration import ArchiveEntry

from .models import RatedOfficer, RoundStatus


def entries_for(user: User) -> list[ArchiveEntry]:
    """Published results only: what the officer may read themselves."""
    rows = RatedOfficer.objects.filter(
        officer=user, round__status=RoundStatus.PUBLISHED
    ).select_related("round", "round__union")
    return [
        ArchiveEntry(
            (r.round.published_at or r.round.opened_at).date(),
            "述职评议",
            f"{r.round.union.name} {r.round.term_label}",
            f"{r.score} 分，{r.level_label}" if r.score is not None else r.level_label,
        )
        for r in rows
    ]
