"""The plan of a year of rights issues: plain records, like the province's
(tongxin.workflow.generation.province), drawn without the database (the holiday calendar
aside) by plan.py and written in bulk by writer.py.

Each issue carries its whole story as the services would have left it: the timeline
(EventSpec, kinds and texts exactly as rights.services write them), the deadline clocks
(ClockSpec) and the fields of the issue at the end. People are usernames, places node
keys, other issues plan indexes; the writer turns them into ids.
"""

import datetime
from dataclasses import dataclass, field

from tongxin.rights.models import Status

SYSTEM = "@system"  # the worker's named actor (accounts.services.system_actor)
SYSTEM_LABEL = "系统"
DEFAULT_ISSUES_PER_STUDENT = 1.25  # 25,000 issues for the 20,000 students of the full demo

# Timeline kinds whose service saves the issue (and so raises its version).
VERSIONED_KINDS = frozenset(
    {
        "accepted",
        "declined",
        "merged",
        "withdrawn",
        "started",
        "referred",
        "returned",
        "answered",
        "answer_drafted",
        "answer_approved",
        "fed_back",
        "assigned",
        "rated",
        "reopened",
        "auto_closed",
        "published",
        "reminded",
        "escalated",
    }
)


@dataclass(slots=True)
class EventSpec:
    at: datetime.datetime
    kind: str
    actor: str | None  # username, SYSTEM, or None for an anonymous reporter's own step
    label: str
    text: str = ""
    internal: bool = False


@dataclass(slots=True)
class ClockSpec:
    clock: str
    started_at: datetime.datetime
    due_at: datetime.datetime
    stopped_at: datetime.datetime | None = None
    escalation_level: int = 0
    cancelled: bool = False  # withdrawn before it fell due (never due for anyone)


@dataclass(slots=True)
class InputSpec:
    """A co-office's input (OfficeInput) for the lead office."""

    office: str
    author: str
    text: str
    at: datetime.datetime


@dataclass(slots=True)
class IssueSpec:
    index: int
    school: str  # school code (= node key)
    union: str
    college: str | None
    reporter: str
    reporter_name: str
    category: str
    is_urgent: bool
    title: str
    description: str
    place: str
    submitted_at: datetime.datetime
    anonymous: bool = False
    pseudonym: str = ""
    consent: bool = False
    scripted: bool = False  # a printed login's story: written through the services (replay.py)
    status: str = Status.SUBMITTED
    assignee: str | None = None
    lead_office: str | None = None
    co_offices: list[str] = field(default_factory=list)
    merged_into: int | None = None
    due_at: datetime.datetime | None = None
    escalation_level: int = 0
    escalated_to_city: bool = False
    first_reply: str = ""
    decline_reason: str = ""
    answer: str = ""
    answered_at: datetime.datetime | None = None
    feedback: str = ""
    fed_back_at: datetime.datetime | None = None
    rating: str = ""
    rating_reason: str = ""
    dissatisfied_count: int = 0
    flagged_to_advisor: bool = False
    closed_at: datetime.datetime | None = None
    published_at: datetime.datetime | None = None
    events: list[EventSpec] = field(default_factory=list)
    clocks: list[ClockSpec] = field(default_factory=list)
    inputs: list[InputSpec] = field(default_factory=list)
    supporters: list[tuple[str, datetime.datetime]] = field(default_factory=list)

    @property
    def version(self) -> int:
        return 1 + sum(1 for event in self.events if event.kind in VERSIONED_KINDS)

    @property
    def updated_at(self) -> datetime.datetime:
        saved = [event.at for event in self.events if event.kind in VERSIONED_KINDS]
        return max(saved, default=self.submitted_at)

    @property
    def left_open_at(self) -> datetime.datetime | None:
        """When the issue stopped being open (closed, merged, withdrawn, not handled)."""
        return self.closed_at


@dataclass
class IssuePlan:
    until: datetime.datetime  # every step happened before this instant
    issues: list[IssueSpec] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "issues": len(self.issues),
            "issue_events": sum(len(i.events) for i in self.issues),
            "issue_clocks": sum(len(i.clocks) for i in self.issues),
            "issue_supports": sum(len(i.supporters) for i in self.issues),
            "published_issues": sum(1 for i in self.issues if i.published_at),
        }


@dataclass(frozen=True)
class Personas:
    """The demo logins whose pages should show issues (usernames)."""

    student: str
    officer: str
    handler: str
