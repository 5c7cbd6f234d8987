"""The self-assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Attachable, Nav, SettingSpec, UrlInclude

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
