"""成长档案: one officer's timeline — appointments, trainings, assessments, warnings,
rewards, penalties and exits — gathered from the apps that hold them."""

import datetime
from dataclasses import dataclass

from tongxin.accounts.models import Membership, Role, User
from tongxin.training.models import Attendance

from .models import AcademicWarning, ExitRecord, RewardPenalty


@dataclass(frozen=True)
class Entry:
    day: datetime.date
    kind: str
    title: str
    detail: str = ""
    sensitive: str = ""  # shown only to those who may see grades' figures


def _appointments(user: User) -> list[Entry]:
    entries = []
    for m in Membership.objects.filter(user=user, role=Role.OFFICER).select_related("node"):
        entries.append(Entry(m.start, "任职", f"{m.node.name}{m.get_position_display()}"))
        if m.end is not None:
            entries.append(
                Entry(m.end, "离任", f"{m.node.name}{m.get_position_display()}", m.end_reason)
            )
    return entries


def _trainings(user: User) -> list[Entry]:
    return [
        Entry(
            a.session.date,
            "培训",
            f"{a.session.title}（{a.session.get_kind_display()}）",
            f"{a.hours} 学时" + (f"，成绩 {a.score}" if a.score is not None else ""),
        )
        for a in Attendance.objects.filter(user=user).select_related("session")
    ]


def _warnings(user: User) -> list[Entry]:
    return [
        Entry(
            w.created_at.date(),
            "学风预警",
            f"{w.term} · {w.get_status_display()}",
            sensitive=w.explanation,
        )
        for w in AcademicWarning.objects.filter(officer=user)
    ]


def _records(user: User) -> list[Entry]:
    entries = [
        Entry(r.date, r.get_kind_display(), r.title, r.reason)
        for r in RewardPenalty.objects.filter(officer=user)
    ]
    entries += [
        Entry(e.created_at.date(), "退出", e.get_kind_display(), e.reason)
        for e in ExitRecord.objects.filter(membership__user=user)
    ]
    return entries


def _assessments(user: User) -> list[Entry]:
    from tongxin.assessment.archive import entries_for

    return [Entry(day, kind, title, detail) for day, kind, title, detail in entries_for(user)]


def archive_of(user: User) -> list[Entry]:
    entries = (
        _appointments(user)
        + _trainings(user)
        + _warnings(user)
        + _records(user)
        + _assessments(user)
    )
    return sorted(entries, key=lambda e: e.day, reverse=True)
