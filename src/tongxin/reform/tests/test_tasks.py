"""The worker's nightly pass: every union of the province, as the system actor only."""

import pytest

from tongxin.accounts.services import system_actor
from tongxin.core.errors import NotAllowed
from tongxin.reform.facts import unions_of
from tongxin.reform.models import Level, Result
from tongxin.reform.services.results import results_refresh
from tongxin.reform.tasks import refresh_this_year

from .world import catalogue

pytestmark = pytest.mark.django_db


def test_the_nightly_pass_computes_this_years_tables_for_every_union(province):
    school, college = catalogue(Level.SCHOOL), catalogue(Level.COLLEGE)
    computed = refresh_this_year.call()
    unions = unions_of(Level.SCHOOL).count() + unions_of(Level.COLLEGE).count()
    assert computed == unions
    for cat in (school, college):
        per_union = cat.indicators.count()
        assert (
            Result.objects.filter(catalogue=cat).count() == per_union * unions_of(cat.level).count()
        )


def test_only_the_system_actor_refreshes_without_a_scope(province):
    with pytest.raises(NotAllowed):
        results_refresh(actor=province.province_admin, catalogue=catalogue())
    assert results_refresh(actor=system_actor(), catalogue=catalogue()).unions > 0
