"""Who works a referred item, as `rules` predicates on the item (an app's rules.py composes
them into its permissions):

    handles_lead_office   a handler (or the head) of the item's lead office: replies, hands back
    heads_lead_office     the head (负责人) of the lead office: approves a waiting draft
    handles_co_office     a handler of one of its co-offices: adds the office's opinion
    handles_referral      either of the first and third: reads the item

`selectors.referred_q` is the same reach as a filter; a test holds the two together.
"""

from typing import Any

from rules.predicates import Predicate

from tongxin.accounts.models import Role
from tongxin.accounts.roles import holds_role_at, is_office_head, node_ids_where

from .models import Referable

handles_lead_office = holds_role_at(Role.OFFICE_HANDLER, node_id_attr="lead_office_id")


def _heads_lead_office(user: Any, item: Referable | None) -> bool:
    return item is not None and is_office_head(user, item.lead_office_id)


def _handles_co_office(user: Any, item: Referable | None) -> bool:
    if item is None or item.pk is None:
        return False
    # The co-offices are read only for someone who handles an office at all.
    offices = node_ids_where(user, Role.OFFICE_HANDLER)
    return bool(offices) and item.co_offices.filter(pk__in=offices).exists()


heads_lead_office = Predicate(_heads_lead_office, name="heads_lead_office")
handles_co_office = Predicate(_handles_co_office, name="handles_co_office")
handles_referral = handles_lead_office | handles_co_office


def offices_of(item: Referable) -> set[int]:
    """The ids of the offices the item is referred to (lead and co-offices)."""
    co = set(item.co_offices.values_list("pk", flat=True)) if item.pk else set()
    return co | ({item.lead_office_id} if item.lead_office_id else set())
