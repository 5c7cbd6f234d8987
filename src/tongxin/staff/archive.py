"""成长档案: one officer's timeline — appointments, trainings, assessments, warnings,
rewards, penalties and exits — gathered from the apps that hold them (their registers.py
ARCHIVE sources; staff's own are below)."""

from tongxin.accounts.models import Membership, Role, User
from tongxin.core.registration import ArchiveEntry, by_order

from .models import AcademicWarning, ExitRecord, RewardPenalty

Entry = ArchiveEntry  # the PDF and the page read these


def appointments(user: User) -> list[Entry]:
    entries = []
    for m in Membership.objects.filter(user=user, role=Role.OFFICER).select_related("node"):
        entries.append(Entry(m.start, "任职", f"{m.node.name}{m.get_position_display()}"))
        if m.end is not None:
            entries.append(
                Entry(m.end, "离任", f"{m.node.name}{m.get_position_display()}", m.end_reason)
            )
    return entries


def warnings(user: User) -> list[Entry]:
    return [
        Entry(
            w.created_at.date(),
            "学风预警",
            f"{w.term} · {w.get_status_display()}",
            sensitive=w.explanation,
        )
        for w in AcademicWarning.objects.filter(officer=user)
    ]


def records(user: User) -> list[Entry]:
    entries = [
        Entry(r.date, r.get_kind_display(), r.title, r.reason)
        for r in RewardPenalty.objects.filter(officer=user)
    ]
    entries += [
        Entry(e.created_at.date(), "退出", e.get_kind_display(), e.reason)
        for e in ExitRecord.objects.filter(membership__user=user)
    ]
    return entries


def archive_of(user: User) -> list[Entry]:
    """Every app's entries (ARCHIVE in its registers.py), newest first."""
    entries = [entry for source in by_order("ARCHIVE") for entry in source.entries(user)]
    return sorted(entries, key=lambda e: e.day, reverse=True)
