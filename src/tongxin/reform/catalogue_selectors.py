"""Reads of the catalogue (指标体系) and the scoring models (评分模型).

The catalogue is the province's one table per year and level: every reader of it
(reform.view_catalogues) sees all of it, so these reads filter by nothing but the id.
The pages and the API ask the permission first (403); a missing id is DoesNotExist (404).
"""

from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from tongxin.core.pagination import MAX_ID

from .models import (
    Catalogue,
    CatalogueState,
    Evidence,
    Indicator,
    IndicatorKind,
    Level,
    Mark,
    Result,
    ScoringModel,
)


def catalogue_list() -> QuerySet[Catalogue]:
    """Every catalogue, newest year first (表一 before 表二), with its scoring model and
    the counts the list shows: indicators, ★ core ones, computed ones."""
    return (
        Catalogue.objects.select_related("scoring", "published_by")
        .annotate(
            indicator_count=Count("indicators"),
            core_count=Count("indicators", filter=Q(indicators__mark=Mark.CORE)),
            computed_count=Count("indicators", filter=Q(indicators__kind=IndicatorKind.COMPUTED)),
        )
        .annotate(table=Case(When(level=Level.SCHOOL, then=Value(1)), default=Value(2)))
        .order_by("-academic_year", "table")
    )


def catalogue_get(pk: int) -> Catalogue:
    """One catalogue with its scoring model; DoesNotExist for an id that is not one."""
    if not 1 <= pk <= MAX_ID:
        raise Catalogue.DoesNotExist
    return Catalogue.objects.select_related("scoring", "published_by", "based_on").get(pk=pk)


def indicators_of(catalogue: Catalogue) -> list[Indicator]:
    return list(Indicator.objects.filter(catalogue=catalogue).order_by("number"))


def indicator_get(pk: int) -> Indicator:
    """One indicator with its catalogue (and the catalogue's scoring model)."""
    if not 1 <= pk <= MAX_ID:
        raise Indicator.DoesNotExist
    return Indicator.objects.select_related("catalogue", "catalogue__scoring").get(pk=pk)


def indicator_result_counts(indicator: Indicator) -> dict[str, int]:
    """What deleting the indicator removes: its results, and those carrying evidence."""
    results = Result.objects.filter(indicator=indicator)
    return {
        "results": results.count(),
        "with_evidence": Evidence.objects.filter(result__indicator=indicator).count(),
    }


def scoring_list() -> QuerySet[ScoringModel]:
    """Every scoring model, with whether a published catalogue uses it (then it is frozen)
    and how many catalogues use it."""
    uses = Catalogue.objects.filter(scoring=OuterRef("pk"))
    counted = uses.order_by().values("scoring").annotate(n=Count("pk")).values("n")
    return ScoringModel.objects.annotate(
        in_published_use=Exists(uses.filter(state=CatalogueState.PUBLISHED)),
        catalogue_count=Coalesce(Subquery(counted), 0),
    ).order_by("name")


def scoring_get(pk: int) -> ScoringModel:
    if not 1 <= pk <= MAX_ID:
        raise ScoringModel.DoesNotExist
    return scoring_list().get(pk=pk)


def scoring_choices() -> QuerySet[ScoringModel]:
    return ScoringModel.objects.order_by("name")


def scoring_in_published_use(scoring: ScoringModel) -> bool:
    return Catalogue.objects.filter(scoring=scoring, state=CatalogueState.PUBLISHED).exists()


def catalogue_exists(year: int, level: str) -> bool:
    return Catalogue.objects.filter(academic_year=year, level=level).exists()


def catalogue_grid(catalogues: list[Any]) -> list[dict[str, Any]]:
    """Rows of the list page: one per academic year, a cell per level (None: no table)."""
    years: dict[int, dict[str, Any]] = {}
    for c in catalogues:
        years.setdefault(c.academic_year, {})[c.level] = c
    return [
        {
            "year": year,
            "label": f"{year}—{year + 1} 学年",
            "cells": [(level, label, cells.get(level)) for level, label in Level.choices],
        }
        for year, cells in sorted(years.items(), reverse=True)
    ]
