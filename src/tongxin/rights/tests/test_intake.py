"""The submission's one prepared read (services/intake.py) gives what the ORM would read."""

import datetime

import pytest

from tongxin.core.errors import DomainError
from tongxin.rights.models import Issue, IssueCategory, RightsSettings
from tongxin.rights.services.intake import day_start, intake_for

from .factories import category, submit

pytestmark = pytest.mark.django_db


def _values(obj: object, model: type) -> list[tuple[str, object, type]]:
    return [
        (f.attname, getattr(obj, f.attname), type(getattr(obj, f.attname)))
        for f in model._meta.concrete_fields
    ]


def test_category_and_saved_settings_read_as_the_orm_reads_them(province):
    RightsSettings.objects.create(
        school=province.school_a,
        first_reply_hours=12,
        daily_submission_limit=7,
        head_approval_required=True,
    )
    cat = category("宿舍与水电")
    IssueCategory.objects.filter(pk=cat.pk).update(is_urgent=True)
    intake = intake_for(province.student_a, cat.pk)
    saved = RightsSettings.objects.get(school=province.school_a)
    assert _values(intake.settings, RightsSettings) == _values(saved, RightsSettings)
    fresh = IssueCategory.objects.get(pk=cat.pk)
    assert _values(intake.category, IssueCategory) == _values(fresh, IssueCategory)
    assert intake.category.is_urgent is True
    assert intake.settings.head_approval_required is True


def test_a_school_without_settings_gets_the_defaults(province):
    intake = intake_for(province.student_a, category().pk)
    defaults = RightsSettings(school_id=province.school_a.pk)
    assert _values(intake.settings, RightsSettings) == _values(defaults, RightsSettings)
    assert intake.union_id == province.union_a.pk


def test_today_counts_own_and_sealed_issues_and_not_yesterdays(province):
    RightsSettings.objects.create(school=province.school_a, daily_submission_limit=100)
    submit(province)
    submit(province, anonymous=True)
    old = submit(province)
    Issue.objects.filter(pk=old.pk).update(created_at=day_start() - datetime.timedelta(seconds=1))
    submit(province, student="student_a2")  # another student's
    assert intake_for(province.student_a, category().pk).submitted_today == 2


@pytest.mark.parametrize("bad", [0, 10**9, "x", None])
def test_an_unknown_category_is_refused_on_its_field(province, bad):
    with pytest.raises(DomainError) as err:
        intake_for(province.student_a, bad)
    assert err.value.field == "category"
