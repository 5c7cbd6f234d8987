"""Officer selection's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, SettingSpec, UrlInclude

from . import todo

NAVIGATION = [
    Nav("union", _("选拔任用"), "selection:candidacy-list", "selection.open_candidacy_list", 50),
    Nav("union", _("推荐候选人"), "selection:college", "selection.open_college_list", 60),
    Nav("union", _("任职公示"), "selection:notice", "selection.view_notice", 70),
    Nav("admin", _("选拔设置"), "selection:settings", "selection.open_settings", 100),
]
TODO = todo.PROVIDERS
API = [ApiRouter("/selection", "tongxin.selection.api.router", order=20)]
URLS = [UrlInclude("selection/", "tongxin.selection.urls", order=130)]
SETTINGS = [
    SettingSpec(
        "selection.settings",
        _("选拔设置"),
        "school",
        "selection:settings",
        "selection.open_settings",
    ),
]
