"""The queue's unions are remembered a minute per set of grants (core/memo.py): an officer
whose membership ends sees nothing on the next request, inside that minute too."""

import datetime

import pytest
from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.rights.selectors import QueueFilter, queue_for
from tongxin.testing.province import TinyProvince

from .factories import submit


def _queue(user_pk: int) -> list[int]:
    # Each request loads the person afresh, with their grants.
    return [i.pk for i in queue_for(actor=User.objects.get(pk=user_pk), f=QueueFilter())]


@pytest.mark.django_db
def test_an_ended_membership_empties_the_queue_at_once(province: TinyProvince) -> None:
    issue = submit(province)
    officer = province.people["officer_a"]
    assert _queue(officer.pk) == [issue.pk]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(user=officer, role=Role.OFFICER).update(end=yesterday)
    assert _queue(officer.pk) == []
