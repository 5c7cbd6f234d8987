"""The menu's memo: one round of permission questions per person and standing, a changed
membership shows at once, a data-dependent entry within the memo's seconds."""

import pytest
import time_machine

from tongxin.accounts.models import Membership, Role
from tongxin.core import authz, navigation
from tongxin.testing.province import TinyProvince


def _urls(user) -> set[str]:
    return {item.url_name for group in navigation.navigation_for(user) for item in group.items}


def _counting(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = authz.can

    def counted(user, perm, obj=None):
        asked.append(perm)
        return real(user, perm, obj)

    monkeypatch.setattr(navigation, "can", counted)
    return asked


@pytest.mark.django_db
def test_a_second_page_asks_no_permission_again(province: TinyProvince, monkeypatch) -> None:
    asked = _counting(monkeypatch)
    user = province.people["officer_a"]
    first = _urls(user)
    count = len(asked)
    assert count > 10
    assert _urls(user) == first
    assert len(asked) == count


@pytest.mark.django_db
def test_without_memo_every_page_asks(province: TinyProvince, monkeypatch, settings) -> None:
    settings.TONGXIN_NAV_MEMO_SECONDS = 0
    asked = _counting(monkeypatch)
    user = province.people["officer_a"]
    _urls(user)
    count = len(asked)
    _urls(user)
    assert len(asked) == 2 * count


@pytest.mark.django_db
def test_a_new_membership_shows_on_the_next_page(province: TinyProvince) -> None:
    from tongxin.accounts.models import User

    student = User.objects.get(pk=province.people["student_a"].pk)
    before = _urls(student)
    Membership.objects.create(
        user=student, node=province.school_a, school=province.school_a, role=Role.ADVISOR
    )
    # The next request loads the person afresh (their grants with them).
    after = _urls(User.objects.get(pk=student.pk))
    assert "accounts:user-list" not in before
    assert "accounts:user-list" in after


@pytest.mark.django_db
def test_what_is_remembered_expires(province: TinyProvince, monkeypatch, settings) -> None:
    settings.TONGXIN_NAV_MEMO_SECONDS = 30
    asked = _counting(monkeypatch)
    user = province.people["advisor_a"]
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        _urls(user)
        count = len(asked)
        clock.shift(29)
        _urls(user)
        assert len(asked) == count
        clock.shift(2)
        _urls(user)
        assert len(asked) == 2 * count
