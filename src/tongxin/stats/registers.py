"""Statistics' entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

NAVIGATION = [
    Nav("rights", _("权益统计"), "stats:home", "stats.view_stats", order=50),
    Nav("rights", _("权益周报"), "stats:report-list", "stats.view_report_list", order=60),
]
API = [ApiRouter("/stats", "tongxin.stats.api.router", order=30)]
URLS = [UrlInclude("stats/", "tongxin.stats.urls", order=80)]
