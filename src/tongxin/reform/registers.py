"""The self-assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import (
    ApiRouter,
    Attachable,
    Commentable,
    Nav,
    SettingSpec,
    UrlInclude,
)

from . import disclosure_selectors
from .union_todo import evidence_waiting

API = [ApiRouter("/reform", "tongxin.reform.api.router", order=70)]
URLS = [UrlInclude("reform/", "tongxin.reform.urls", order=150)]
NAVIGATION: list[Nav] = []

# --- the catalogue and scoring models (part A) ------------------------------------------

# Every reader of the catalogue opens the list (the admin edits from it), so the entry asks
# the readers' permission: a menu shows exactly the pages one opens (test_navigation.py).
# The admin also finds it on the province's settings (SETTINGS below).
NAVIGATION += [
    Nav("union", _("改革自评指标"), "reform:catalogue-list", "reform.view_catalogues", 130),
]
SETTINGS = [
    SettingSpec(
        "reform.catalogues",
        _("改革自评指标体系与评分模型"),
        "province",
        "reform:catalogue-list",
        "reform.manage_catalogues",
    ),
]


# --- the heat map and a school's facts (part C) -------------------------------------------
NAVIGATION += [Nav("union", _("改革自评"), "reform:heatmap", "reform.open_heatmap", order=76)]


# --- a union's results, evidence and explanations (part D) --------------------------------


NAVIGATION += [Nav("union", _("我的改革自评"), "reform:mine", "reform.open_union_results", 115)]
TODO = [evidence_waiting]
# Files on evidence: read by the union's readers, added while it waits for the advisor.
ATTACHABLE = [Attachable("reform.evidence", "reform.view_evidence", "reform.attach_to_evidence")]


# --- issue 17: the public disclosure (公示) ---


# Comments on a disclosure: the school's students and teachers while it is open, shown
# after the advisor approves them (on the public page without their authors).
COMMENTABLE = [
    Commentable(
        "reform.disclosure",
        read="reform.view_disclosure",
        add="reform.comment_disclosure",
        moderate="reform.moderate_disclosure",
        moderated_by=lambda user: disclosure_selectors.disclosures_moderated_by(actor=user),
        page="reform:disclosure-detail",
    ),
]
NAVIGATION += [
    Nav("union", _("改革自评公示"), "reform:disclosure-list", "reform.open_disclosures", 117),
]


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------
NAVIGATION += [
    Nav("union", _("改革自评评定"), "reform:rating-list", "reform.open_ratings", order=77),
    Nav("union", _("整改情况"), "reform:rectification", "reform.open_rectification_rates", 78),
    Nav("union", _("整改事项"), "reform:rectification-items", "reform.open_rectification", 116),
]
# Files on a rectification item: read by its readers, added by the advisor and the union's
# officers while it is open.
ATTACHABLE += [
    Attachable(
        "reform.rectificationitem", "reform.view_rectification", "reform.attach_to_rectification"
    )
]


# --- issue 17: call-ins, exchange visits and meeting records (part H) ----------------------
NAVIGATION += [
    Nav("union", _("约谈与交流"), "reform:call-in-list", "reform.open_call_ins", order=77)
]


# --- issue 17: the review chain (part E) ---------------------------------------------------
NAVIGATION += [Nav("union", _("改革自评审核"), "reform:review", "reform.open_review", 77)]
SETTINGS += [
    SettingSpec(
        "reform.review_calendar",
        _("改革自评审核时间表"),
        "province",
        "reform:review-calendar",
        "reform.manage_calendar",
    ),
]
