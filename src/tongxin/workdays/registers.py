"""The working-day calendar's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import Nav, SettingSpec, UrlInclude

from . import home

NAVIGATION = [
    Nav("admin", _("工作日历"), "workdays:calendar", "workdays.manage_calendar", order=50),
]
HOME_PARTS = home.PARTS
URLS = [UrlInclude("workdays/", "tongxin.workdays.urls", order=60)]
SETTINGS = [
    SettingSpec(
        "workdays.calendar",
        _("工作日历"),
        "province",
        "workdays:calendar",
        "workdays.manage_calendar",
    ),
]
