"""Set-up for the rating's tests: congress lines and sessions straight through the ORM (the
sessions' services belong to the sessions part; here only their states and dates matter)."""

import datetime
from typing import Any

from tongxin.orgs.models import Node, NodeKind

from ..models import CongressLine, Session, SessionState, UnionLevel

D = datetime.date
LEVELS = {
    NodeKind.SCHOOL_UNION: UnionLevel.SCHOOL,
    NodeKind.GRADUATE_UNION: UnionLevel.GRADUATE,
    NodeKind.COLLEGE_UNION: UnionLevel.COLLEGE,
}


def line_for(
    union: Node,
    *,
    due_on: datetime.date,
    last_held_on: datetime.date | None = None,
    set_up_on: datetime.date = datetime.date(2024, 9, 1),
) -> CongressLine:
    supervisor_id = union.school_id if union.kind == NodeKind.COLLEGE_UNION else union.city_pk
    return CongressLine.objects.create(
        union=union,
        school_id=union.school_id,
        level=LEVELS[union.kind],
        supervisor_id=supervisor_id,
        set_up_on=set_up_on,
        last_held_on=last_held_on,
        due_on=due_on,
    )


def session_for(
    line: CongressLine,
    state: str,
    *,
    by: Any,
    planned_start: datetime.date | None = None,
    held_start: datetime.date | None = None,
) -> Session:
    return Session.objects.create(
        line=line,
        school_id=line.school_id,
        union_id=line.union_id,
        supervisor_id=line.supervisor_id,
        number=line.sessions.count() + 1,
        form=line.form,
        state=state,
        planned_start=planned_start,
        held_start=held_start,
        created_by=by,
    )


__all__ = ["SessionState"]
