"""Union staff's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ArchiveSource, Nav, SettingSpec, UrlInclude

from . import archive

NAVIGATION = [
    Nav("union", _("学生会"), "staff:union-list", "staff.open_unions", order=10),
    Nav("union", _("学风预警"), "staff:warnings", "staff.open_school_warnings", order=20),
    Nav("union", _("成绩数据"), "staff:grades", "staff.open_grade_upload", order=30),
    Nav("admin", _("精简限额"), "staff:limits", "staff.manage_limits", order=80),
]
URLS = [UrlInclude("staff/", "tongxin.staff.urls", order=100)]
ARCHIVE = [
    ArchiveSource(archive.appointments, order=10),
    ArchiveSource(archive.warnings, order=30),
    ArchiveSource(archive.records, order=40),
]
SETTINGS = [
    SettingSpec("staff.limits", _("精简限额"), "province", "staff:limits", "staff.manage_limits"),
]
