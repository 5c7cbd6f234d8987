"""Semester assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, ArchiveSource, Nav, SettingSpec, UrlInclude

from . import archive, clocks, todo

NAVIGATION = [
    Nav("union", _("述职评议"), "assessment:round-list", "assessment.open_rounds", order=80),
    Nav("union", _("待我评议"), "assessment:rating-list", "assessment.open_rating", order=90),
    Nav("union", _("我的述职"), "assessment:my-rounds", "assessment.view_own_results", 100),
    Nav("admin", _("评议权重"), "assessment:policy", "assessment.manage_policy", order=90),
]
TODO = todo.PROVIDERS
CLOCKS = clocks.CLOCKS
API = [ApiRouter("/assessment", "tongxin.assessment.api.router", order=40)]
URLS = [UrlInclude("assessment/", "tongxin.assessment.urls", order=90)]
ARCHIVE = [ArchiveSource(archive.entries_for, order=50)]
SETTINGS = [
    SettingSpec(
        "assessment.policy",
        _("评议权重"),
        "province",
        "assessment:policy",
        "assessment.manage_policy",
    ),
]
