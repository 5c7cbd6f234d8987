"""The nothing-lost / nothing-doubled check of bench/run's writer scenarios
(`submit_one_school`, `submit_six_schools`): read before and after each scenario, the
difference compared with the successful responses the client counted.

Read on the server side (`tongxin bench chains --schools …`), not timed."""

from typing import Any

from django.db.models import Count

from tongxin.audit.models import AuditEvent, chain_key_for
from tongxin.audit.services import verify_chains
from tongxin.rights.models import Issue

SUBMITTED = "rights.issue.submitted"


def chain_state(school_ids: list[int]) -> dict[str, Any]:
    """Issues in all, submission events in the schools' chains, whether each chain verifies,
    and how many (chain, seq) pairs occur more than once (the unique constraint says none)."""
    keys = [chain_key_for(pk) for pk in school_ids]
    events = AuditEvent.objects.filter(chain__key__in=keys)
    checked, problems = verify_chains(keys)
    doubled = (
        events.order_by().values("chain_id", "seq").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    return {
        "issues": Issue.objects.count(),
        "submitted_events": events.filter(action=SUBMITTED).count(),
        "events_checked": checked,
        "chains_verified": not problems,
        "problems": [f"{p.chain} #{p.event_id} seq {p.seq}: {p.reason}" for p in problems],
        "duplicate_seqs": doubled,
    }
