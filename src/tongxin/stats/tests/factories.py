"""Statistics test helpers: a controllable clock, and issues moved through the real rights
services at chosen instants (Asia/Shanghai), so that every timestamp is hand-computable."""

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from tongxin.accounts.models import Membership
from tongxin.accounts.services import system_actor
from tongxin.rights import services
from tongxin.rights.models import Issue, IssueClock
from tongxin.rights.tests.factories import category, fresh
from tongxin.testing.province import TinyProvince

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(
    month: int, day: int, hour: int = 12, minute: int = 0, year: int = 2025
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


class FakeClock:
    """The test's clock, stopped at each step's instant (time-machine: services, auto_now
    fields, the membership dates and date.today() all read it)."""

    def __init__(self, machine: Any, start: datetime.datetime) -> None:
        self.machine = machine
        self.set(start)

    @property
    def now(self) -> datetime.datetime:
        return timezone.now()

    def set(self, moment: datetime.datetime) -> None:
        self.machine.move_to(moment, tick=False)


def install_clock(time_machine: Any, start: datetime.datetime) -> FakeClock:
    """Stop the clock at `start`; the tiny province was built at the real time, so its
    memberships are dated back to 2024."""
    Membership.objects.update(start=datetime.date(2024, 1, 1))
    return FakeClock(time_machine, start)


@dataclass
class Story:
    """One issue's life, each step at its own instant: Story(p, clock).submit(at(3, 3, 9))…"""

    p: TinyProvince
    clock: FakeClock
    student: str = "student_a"
    officer: str = "officer_a"
    issue: Issue | None = field(default=None)

    def _v(self) -> dict[str, Any]:
        assert self.issue is not None
        issue = fresh(self.issue)
        return {"issue": issue, "expected_version": issue.version}

    def _at(self, when: datetime.datetime) -> Any:
        self.clock.set(when)
        return self.p.people[self.officer]

    def submit(self, when: datetime.datetime, cat: str = "食堂餐饮", **kwargs: Any) -> "Story":
        self.clock.set(when)
        fields: dict[str, Any] = {
            "category": category(cat),
            "title": kwargs.pop("title", "二食堂晚餐涨价"),
            "description": "情况说明。",
            "publication_consent": True,
        }
        fields.update(kwargs)
        self.issue = services.issue_submit(actor=self.p.people[self.student], **fields)
        return self

    def accept(self, when: datetime.datetime) -> "Story":
        self.issue = services.issue_accept(actor=self._at(when), reply="已收到。", **self._v())
        return self

    def decline(self, when: datetime.datetime) -> "Story":
        self.issue = services.issue_decline(
            actor=self._at(when), reason="unclear", explanation="内容不清。", **self._v()
        )
        return self

    def start(self, when: datetime.datetime) -> "Story":
        self.issue = services.issue_start(actor=self._at(when), **self._v())
        return self

    def refer(self, when: datetime.datetime) -> "Story":
        office = self.p.nodes["logistics_office_a"]
        self.issue = services.issue_refer(
            actor=self._at(when), lead_office=office, co_offices=[], **self._v()
        )
        return self

    def answer(self, when: datetime.datetime) -> "Story":
        assert self.issue is not None
        if fresh(self.issue).lead_office_id:
            self.clock.set(when)
            self.issue = services.issue_office_answer(
                actor=self.p.handler_a, answer="已处理。", **self._v()
            )
        else:
            self.issue = services.issue_answer(actor=self._at(when), answer="已处理。", **self._v())
        return self

    def feed_back(self, when: datetime.datetime) -> "Story":
        self.issue = services.issue_feed_back(
            actor=self._at(when), feedback="已解决。", **self._v()
        )
        return self

    def rate(self, when: datetime.datetime, rating: str) -> "Story":
        self.clock.set(when)
        self.issue = services.issue_rate(
            actor=self.p.people[self.student], rating=rating, reason="还是不行。", **self._v()
        )
        return self

    def withdraw(self, when: datetime.datetime) -> "Story":
        self.clock.set(when)
        self.issue = services.issue_withdraw(actor=self.p.people[self.student], **self._v())
        return self

    def merge_into(self, when: datetime.datetime, target: Issue) -> "Story":
        self.issue = services.issue_merge(actor=self._at(when), into=fresh(target), **self._v())
        return self

    def auto_close(self, when: datetime.datetime) -> "Story":
        assert self.issue is not None
        self.clock.set(when)
        closed = services.issue_auto_close(actor=system_actor(), issue=self.issue, now=when)
        assert closed is not None
        self.issue = closed
        return self

    def escalate_fully(self, when: datetime.datetime) -> "Story":
        """Run the escalation until the city federation has it (level 4)."""
        assert self.issue is not None
        self.clock.set(when)
        run = IssueClock.objects.get(issue=self.issue, stopped_at__isnull=True)
        for _ in range(4):
            services.clock_escalate(actor=system_actor(), clock=run, now=when)
        self.issue = fresh(self.issue)
        assert self.issue.escalated_to_city
        return self
