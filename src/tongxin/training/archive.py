"""The training entries of an officer's growth archive (成长档案)."""

from tongxin.accounts.models import User
from tongxin.core.registration import ArchiveEntry

from .models import Attendance


def trainings(user: User) -> list[ArchiveEntry]:
    return [
        ArchiveEntry(
            a.session.date,
            "培训",
            f"{a.session.title}（{a.session.get_kind_display()}）",
            f"{a.hours} 学时" + (f"，成绩 {a.score}" if a.score is not None else ""),
        )
        for a in Attendance.objects.filter(user=user).select_related("session")
    ]
