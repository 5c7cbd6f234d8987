"""The staff generator reads the province it is given (no demo import): who uploads each
school's grades."""

import datetime

from tongxin.accounts.models import Position, Role
from tongxin.orgs.models import NodeKind, OfficeKind
from tongxin.staff.generator import academic_office_handlers
from tongxin.workflow.generation.province import NodeSpec, PostSpec, ProvincePlan

DAY = datetime.date(2025, 9, 1)


def _office(school: str, kind: str) -> NodeSpec:
    key = f"{school}/o/{kind}"
    return NodeSpec(key, NodeKind.OFFICE, kind, school, 3, attrs={"office_kind": kind})


def test_the_academic_offices_current_handler_uploads_not_its_head_nor_another_office():
    plan = ProvincePlan(seed=1, academic_year=2025)
    plan.nodes += [_office("S1", OfficeKind.ACADEMIC), _office("S1", OfficeKind.LOGISTICS)]
    plan.nodes += [_office("S2", OfficeKind.ACADEMIC)]
    academic, logistics = "S1/o/academic", "S1/o/logistics"
    plan.posts += [
        PostSpec("head", academic, Role.OFFICE_HANDLER, DAY, position=Position.OFFICE_HEAD),
        PostSpec("old", academic, Role.OFFICE_HANDLER, DAY, end=DAY),
        PostSpec("clerk", academic, Role.OFFICE_HANDLER, DAY),
        PostSpec("cook", logistics, Role.OFFICE_HANDLER, DAY),
        PostSpec("registrar", "S2/o/academic", Role.OFFICE_HANDLER, DAY),
    ]
    assert academic_office_handlers(plan) == {"S1": "clerk", "S2": "registrar"}
