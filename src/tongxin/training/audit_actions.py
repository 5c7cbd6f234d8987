ACTIONS = {
    "training.session.created": "登记培训场次",
    "training.attendance.recorded": "登记参训人员",
}


# For the audit page (audit/registry.py).
from tongxin.training.models import SessionKind  # noqa: E402

TARGETS = {"training.trainingsession": "培训场次"}

FIELDS = {"host": ("主办组织", "orgs.node"), "kind": ("类型", dict(SessionKind.choices))}
