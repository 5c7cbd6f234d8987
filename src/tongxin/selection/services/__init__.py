"""Every state change of selection: one function per step (see each module's diagram).

recommended ─(presidium: consent)─► reviewed ─(presidium: decide)─► notice ⇄ paused
            ──► notice ended ──► appointed;   any open step ──► rejected | withdrawn
presidium: decided ─stand─► for election ─(the congress's result)─► elected ─► notice …
                                                                └─► not elected
"""

from .configuration import selection_settings_save
from .election import candidacy_elected_by_write_in, candidacy_election_result, candidacy_stand
from .notice import candidacy_end_notice, candidacy_publish, objection_lodge, objection_resolve
from .recommendation import candidacy_consent, candidacy_recommend, candidacy_withdraw
from .review import candidacy_appoint, candidacy_decide, candidacy_reject, candidacy_review

__all__ = [
    "candidacy_appoint",
    "candidacy_consent",
    "candidacy_decide",
    "candidacy_elected_by_write_in",
    "candidacy_election_result",
    "candidacy_end_notice",
    "candidacy_publish",
    "candidacy_recommend",
    "candidacy_reject",
    "candidacy_review",
    "candidacy_stand",
    "candidacy_withdraw",
    "objection_lodge",
    "objection_resolve",
    "selection_settings_save",
]
