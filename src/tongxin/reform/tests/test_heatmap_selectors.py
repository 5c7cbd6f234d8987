"""The heat map's figures: shares, passing schools, last year's change, the filters and the
scope, and a query count that does not grow with the schools."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.orgs.models import Node, SchoolType
from tongxin.testing.clock import moment

from ..heatmap_selectors import Cell, filters_from, heatmap_build, heatmap_scope_for
from ..models import Catalogue, Indicator, IndicatorKind, Level, Result
from ..seed import seed_scorings
from .heatmap_world import NOW, YEAR, computed, item_3_spread, set_all

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment(NOW))]


def build(p, actor: str = "province_admin", **params: str):
    scope = heatmap_scope_for(actor=p.people[actor])
    return heatmap_build(scope=scope, filters=filters_from(params, scope))


def column(heatmap, number: int):
    return next(c for c in heatmap.columns if c.indicator.number == number)


def cell(heatmap, school: Node, number: int) -> Cell:
    row = next(r for r in heatmap.rows if r.school.pk == school.pk)
    index = [c.indicator.number for c in heatmap.columns].index(number)
    return row.cells[index]


def test_a_cell_is_the_share_of_the_schools_unions_passing(province) -> None:
    cat = computed(province)
    item_3_spread(province, cat)
    h = build(province)
    assert h.catalogue == cat and h.filters.year == YEAR  # this academic year by default
    assert [r.school.code for r in h.rows] == ["TA01", "TB01", "TC01"]
    a = cell(h, province.school_a, 3)
    assert (a.unions, a.judged, a.passed, a.percent, a.passes) == (2, 2, 1, 50, False)
    b = cell(h, province.school_b, 3)
    assert (b.percent, b.passes) == (100, True)
    assert column(h, 3).passing == 2  # B and C; A's graduate union fails
    no_verdict = cell(h, province.school_b, 11)
    assert (no_verdict.unions, no_verdict.judged, no_verdict.percent) == (2, 0, None)
    assert not no_verdict.passes


def test_college_level_counts_the_college_unions(province) -> None:
    cat = computed(province, Level.COLLEGE)
    set_all(cat, 4, True)
    Result.objects.filter(
        catalogue=cat, indicator__number=4, union=province.college_union_a2
    ).update(passed=False)
    h = build(province, level=Level.COLLEGE)
    a = cell(h, province.school_a, 4)
    assert (a.unions, a.passed, a.percent) == (2, 1, 50)
    assert cell(h, province.school_b, 4).percent == 100


def test_no_previous_year_shows_a_dash(province) -> None:
    item_3_spread(province, computed(province))
    h = build(province)
    assert h.previous is None
    assert {c.change_label for c in h.columns} == {"—"}


def test_change_against_last_year_matched_by_number(province) -> None:
    item_3_spread(province, computed(province))
    seed_scorings()
    last = Catalogue.objects.create(
        academic_year=YEAR - 1,
        level=Level.SCHOOL,
        title="上一学年",
        scoring=Catalogue.objects.get(academic_year=YEAR, level=Level.SCHOOL).scoring,
    )
    # Last year's table had item 3 only (numbers match, not ids).
    Indicator.objects.create(
        catalogue=last,
        number=3,
        short="工作人员",
        text="工作人员不超过 40 人。",
        kind=IndicatorKind.YES_NO,
    )
    indicator = last.indicators.get()
    for union in (province.union_a, province.grad_union_a, province.union_b, province.union_c):
        Result.objects.create(
            catalogue=last, indicator=indicator, union=union, school=union.school, passed=True
        )
    h = build(province)
    assert h.previous == last
    assert (column(h, 3).previous, column(h, 3).change, column(h, 3).change_label) == (3, -1, "−1")
    assert column(h, 4).change_label == "—"  # no item 4 last year


def test_filters_city_county_and_type(province) -> None:
    item_3_spread(province, computed(province))
    city_1 = build(province, city=str(province.city_1.pk))
    assert [r.school.code for r in city_1.rows] == ["TA01", "TC01"]
    assert [c.name for c in city_1.counties] == ["一市城关区团委"]
    county = build(province, county=str(province.county_1.pk))
    assert [(r.school.code, r.county) for r in county.rows] == [("TC01", "一市城关区团委")]
    high = build(province, type=SchoolType.GENERAL_HIGH)
    assert [r.school.code for r in high.rows] == ["TC01"]
    assert column(high, 3).passing == 1


def test_city_staff_see_their_city_and_nothing_else(province) -> None:
    item_3_spread(province, computed(province))
    h = build(province, "city_staff_1")
    assert h.scope == province.city_1
    assert [r.school.code for r in h.rows] == ["TA01", "TC01"]
    assert [c.pk for c in h.cities] == [province.city_1.pk]
    scope = heatmap_scope_for(actor=province.city_staff_1)
    with pytest.raises(Node.DoesNotExist):
        filters_from({"city": str(province.city_2.pk)}, scope)
    with pytest.raises(Node.DoesNotExist):  # a school is no city
        filters_from({"city": str(province.school_a.pk)}, scope)
    county_scope = heatmap_scope_for(actor=province.county_specialist)
    with pytest.raises(Node.DoesNotExist):
        filters_from({"city": str(province.city_1.pk)}, county_scope)


def test_bad_year_and_level_fall_back_to_the_defaults(province) -> None:
    scope = heatmap_scope_for(actor=province.province_admin)
    f = filters_from({"year": "abc", "level": "nope", "type": "x"}, scope)
    assert (f.year, f.level, f.school_type) == (YEAR, Level.SCHOOL, "")


def test_a_year_without_catalogue_is_empty(province) -> None:
    h = build(province, year="2019")
    assert h.catalogue is None and h.rows == [] and 2019 in h.years


def test_queries_do_not_grow_with_schools(province) -> None:
    item_3_spread(province, computed(province))
    scope = heatmap_scope_for(actor=province.province_admin)
    one = filters_from({"city": str(province.city_2.pk)}, scope)  # school B
    three = filters_from({}, scope)
    with CaptureQueriesContext(connection) as few:
        assert len(heatmap_build(scope=scope, filters=one).rows) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(heatmap_build(scope=scope, filters=three).rows) == 3
    assert len(few) == len(many) == 5
    grouped = [q["sql"] for q in many.captured_queries if "reform_result" in q["sql"]]
    assert len(grouped) == 1 and "GROUP BY" in grouped[0]


def test_a_heat_map_is_remembered_until_a_verdict_of_its_year_changes(province) -> None:
    from ..services.results import results_compute
    from .world import staff_union

    cat = computed(province)
    scope = heatmap_scope_for(actor=province.province_admin)
    filters = filters_from({}, scope)
    first = heatmap_build(scope=scope, filters=filters)
    assert cell(first, province.school_a, 3).passed == 2
    with CaptureQueriesContext(connection) as again:
        assert heatmap_build(scope=scope, filters=filters) is first
    assert len(again) == 1  # the catalogues (their stamps), nothing else

    staff_union(province, staff=45, presidium=5)  # school A's union now over 40
    assert heatmap_build(scope=scope, filters=filters) is first  # no verdict changed yet
    results_compute(actor=province.province_admin, catalogue=cat, scope=province.school_a)
    fresh = heatmap_build(scope=scope, filters=filters)
    assert fresh is not first
    assert cell(fresh, province.school_a, 3).passed == 1
