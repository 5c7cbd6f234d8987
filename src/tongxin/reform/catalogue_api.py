"""The catalogue and the scoring models as JSON (under /api/v1/reform/): read by every
reader of the catalogue, copied and published by the federation admin. Thin: a selector
to read, a service to write (the same services as the pages)."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.http import NOT_FOUND, Id, PageNumber
from tongxin.core.pagination import paginate

from . import catalogue_selectors as selectors
from .models import Catalogue, Indicator, ScoringModel
from .services import catalogues as services

router = Router(tags=["reform"])
READERS_ONLY = "只有学生会、团委老师和学联工作人员可以查看改革自评指标。"
ADMIN_ONLY = "只有省学联管理员可以修改改革自评指标。"


class ScoringOut(Schema):
    id: int
    name: str
    pass_label: str
    fail_label: str
    grade_percents: dict[str, int]
    materials_weight: int
    presentation_weight: int
    pass_mark: int | None
    verdict_rule: str
    verdict_rule_label: str
    in_published_use: bool


class CatalogueOut(Schema):
    id: int
    academic_year: int
    year_label: str
    level: str
    level_label: str
    title: str
    state: str
    state_label: str
    scoring_id: int
    scoring: str
    pass_label: str
    fail_label: str
    based_on_id: int | None
    note: str
    version: int
    published_at: datetime | None
    indicator_count: int


class CataloguePage(Schema):
    items: list[CatalogueOut]
    page: int
    has_next: bool


class IndicatorOut(Schema):
    id: int
    number: int
    short: str
    text: str
    mark: str
    mark_label: str
    kind: str
    kind_label: str
    computes: str
    computes_label: str
    threshold: int | None
    remark_template: str
    points: Decimal | None
    evidence_for_past: bool


class CatalogueDetailOut(CatalogueOut):
    indicators: list[IndicatorOut]


class CopyIn(Schema):
    year: int | None = None


class PublishIn(Schema):
    version: int | None = None


def _require(request: HttpRequest, perm: str, message: str) -> None:
    if not can(request.user, perm):
        raise HttpError(403, message)


def _catalogue(pk: int) -> Catalogue:
    try:
        return selectors.catalogue_get(pk)
    except Catalogue.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _catalogue_out(c: Catalogue, indicator_count: int) -> dict[str, Any]:
    return {
        "id": c.pk,
        "academic_year": c.academic_year,
        "year_label": c.year_label,
        "level": c.level,
        "level_label": c.get_level_display(),
        "title": c.title,
        "state": c.state,
        "state_label": c.get_state_display(),
        "scoring_id": c.scoring_id,
        "scoring": c.scoring.name,
        "pass_label": c.scoring.pass_label,
        "fail_label": c.scoring.fail_label,
        "based_on_id": c.based_on_id,
        "note": c.note,
        "version": c.version,
        "published_at": c.published_at,
        "indicator_count": indicator_count,
    }


def _indicator_out(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "number": i.number,
        "short": i.short,
        "text": i.text,
        "mark": i.mark,
        "mark_label": i.get_mark_display() if i.mark else "",
        "kind": i.kind,
        "kind_label": i.get_kind_display(),
        "computes": i.computes,
        "computes_label": i.get_computes_display() if i.computes else "",
        "threshold": i.threshold,
        "remark_template": i.remark_template,
        "points": i.points,
        "evidence_for_past": i.evidence_for_past,
    }


def _detail(pk: int) -> dict[str, Any]:
    c = _catalogue(pk)
    indicators = selectors.indicators_of(c)
    return {
        **_catalogue_out(c, len(indicators)),
        "indicators": list(map(_indicator_out, indicators)),
    }


@router.get("/catalogues", response=CataloguePage)
def catalogue_list(request: HttpRequest, page: PageNumber = 1) -> Any:
    """Every catalogue (years × tables 一/二), newest year first."""
    _require(request, "reform.view_catalogues", READERS_ONLY)
    found = paginate(selectors.catalogue_list(), page)
    return {
        "items": [_catalogue_out(c, c.indicator_count) for c in found.items],
        "page": found.number,
        "has_next": found.has_next,
    }


@router.get("/catalogues/{catalogue_id}", response=CatalogueDetailOut)
def catalogue_detail(request: HttpRequest, catalogue_id: Id) -> Any:
    """One catalogue with its indicators in order."""
    _require(request, "reform.view_catalogues", READERS_ONLY)
    return _detail(catalogue_id)


@router.post("/catalogues/{catalogue_id}/copy", response={201: CatalogueDetailOut})
def catalogue_copy(request: HttpRequest, catalogue_id: Id, body: CopyIn) -> Any:
    """A draft copy for `year` (the academic year's first calendar year) with every
    indicator; refused (400, field "year") when that year already has this table."""
    _require(request, "reform.manage_catalogues", ADMIN_ONLY)
    source = _catalogue(catalogue_id)
    user: Any = request.user
    copy = services.catalogue_copy(actor=user, catalogue=source, year=body.year)
    return Reply(201, _detail(copy.pk))


@router.post("/catalogues/{catalogue_id}/publish", response=CatalogueDetailOut)
def catalogue_publish(request: HttpRequest, catalogue_id: Id, body: PublishIn) -> Any:
    """Publish a draft (`version`: the catalogue's version read); it is frozen after."""
    _require(request, "reform.manage_catalogues", ADMIN_ONLY)
    catalogue = _catalogue(catalogue_id)
    user: Any = request.user
    services.catalogue_publish(actor=user, catalogue=catalogue, expected_version=body.version)
    return _detail(catalogue.pk)


def _scoring_out(s: ScoringModel) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "pass_label": s.pass_label,
        "fail_label": s.fail_label,
        "grade_percents": s.grade_percents,
        "materials_weight": s.materials_weight,
        "presentation_weight": s.presentation_weight,
        "pass_mark": s.pass_mark,
        "verdict_rule": s.verdict_rule,
        "verdict_rule_label": s.get_verdict_rule_display(),
        "in_published_use": bool(getattr(s, "in_published_use", False)),
    }


@router.get("/scoring", response=list[ScoringOut])
def scoring_list(request: HttpRequest) -> Any:
    """Every scoring model (a handful: the province's configuration)."""
    _require(request, "reform.view_catalogues", READERS_ONLY)
    return [_scoring_out(s) for s in selectors.scoring_list()[:100]]
