"""Set-up of the heat map's tests: this year's (and optionally last year's) tables computed
for the tiny province, then chosen verdicts set straight through the ORM (set-up, not a
domain change) so that every cell's figure is known."""

from tongxin.testing.province import TinyProvince

from ..models import Catalogue, Level, Result
from ..services.results import results_compute
from .world import catalogue

# 2025—2026 academic year (the shipped catalogues cover 2025 and 2026).
NOW = "2026-03-16"
YEAR = 2025


def computed(p: TinyProvince, level: str = Level.SCHOOL, year: int = YEAR) -> Catalogue:
    cat = catalogue(level, year)
    results_compute(actor=p.province_admin, catalogue=cat, scope=p.province)
    return cat


def set_verdict(cat: Catalogue, number: int, union, passed: bool | None) -> None:
    Result.objects.filter(catalogue=cat, indicator__number=number, union=union).update(
        passed=passed
    )


def set_all(cat: Catalogue, number: int, passed: bool | None) -> None:
    Result.objects.filter(catalogue=cat, indicator__number=number).update(passed=passed)


def item_3_spread(p: TinyProvince, cat: Catalogue) -> None:
    """Item 3 (staff): school A half (its school union passes, its graduate union fails),
    school B and school C all pass; item 11: neither of school B's unions has a verdict
    (its graduate union holds no congress record, so the pass cannot tell)."""
    set_all(cat, 3, True)
    set_verdict(cat, 3, p.grad_union_a, False)
    set_verdict(cat, 11, p.union_b, None)
