"""Loading catalogue_data: used by the data migration (with its historical models), by the
demo and by tests (with the real ones). Set-up, not a domain change: no audit events."""

from typing import Any

from .catalogue_data import SCORINGS, TABLE_ONE, TABLE_TWO, TITLES, YES_NO
from .models import CatalogueState, Level


def _models(apps: Any | None) -> tuple[Any, Any, Any]:
    if apps is None:
        from .models import Catalogue, Indicator, ScoringModel

        return ScoringModel, Catalogue, Indicator
    return (
        apps.get_model("reform", "ScoringModel"),
        apps.get_model("reform", "Catalogue"),
        apps.get_model("reform", "Indicator"),
    )


def seed_scorings(apps: Any | None = None) -> None:
    ScoringModel, _, _ = _models(apps)
    for s in SCORINGS:
        ScoringModel.objects.get_or_create(
            name=s.name,
            defaults={
                "pass_label": s.pass_label,
                "fail_label": s.fail_label,
                "verdict_rule": s.verdict_rule,
                "grade_percents": s.grade_percents,
                "materials_weight": s.materials_weight,
                "presentation_weight": s.presentation_weight,
                "pass_mark": s.pass_mark,
            },
        )


def seed_catalogue(
    year: int, level: str, *, state: str | None = None, apps: Any | None = None
) -> Any:
    """The shipped table of `year` and `level` (table 一 published, table 二 a draft unless
    `state` says otherwise); an existing one is returned unchanged."""
    ScoringModel, Catalogue, Indicator = _models(apps)
    seed_scorings(apps)
    found = Catalogue.objects.filter(academic_year=year, level=level).first()
    if found is not None:
        return found
    if state is None:
        state = CatalogueState.PUBLISHED if level == Level.SCHOOL else CatalogueState.DRAFT
    catalogue = Catalogue.objects.create(
        academic_year=year,
        level=level,
        title=TITLES[level].format(year=year, next=year + 1),
        state=state,
        scoring=ScoringModel.objects.get(name=YES_NO),
        note=""
        if level == Level.SCHOOL
        else "表二未见公开发布的版本：与表一相同的指标，适用院级限额；请省学联管理员修订后发布。",
    )
    items = TABLE_ONE if level == Level.SCHOOL else TABLE_TWO
    Indicator.objects.bulk_create(
        Indicator(
            catalogue=catalogue,
            number=i.number,
            short=i.short,
            text=i.text,
            mark=i.mark,
            kind=i.kind,
            computes=i.check,
            remark_template=i.remark_template,
            evidence_for_past=i.evidence_for_past,
        )
        for i in items
    )
    return catalogue


RATING_SCALES = [
    (
        "达标制",
        [
            {"code": "pass", "label": "达标", "passes": True},
            {"code": "fail", "label": "不达标", "passes": False},
        ],
    ),
    (
        "三级评定（优、合格、重点关注）",
        [
            {"code": "excellent", "label": "优", "passes": True},
            {"code": "qualified", "label": "合格", "passes": True},
            {"code": "attention", "label": "重点关注", "passes": False},
        ],
    ),
]


def seed_rating_scales(apps: Any | None = None) -> None:
    """The rating scales in use (DOMAIN.md §6: a city rated its unions 优 10 / 合格 5)."""
    from .models import RatingScale

    model: Any = RatingScale if apps is None else apps.get_model("reform", "RatingScale")
    for name, grades in RATING_SCALES:
        model.objects.get_or_create(name=name, defaults={"grades": grades})
