"""The steps on one candidacy, shared by the pages and the API: each names its form and
the one service it calls. Also the recommendation from a student number."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError

from . import selectors, services
from .forms import ResolveForm, TextForm, VersionForm
from .models import Candidacy

Run = Callable[[User, Candidacy, dict[str, Any]], Any]


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    run: Run
    done: Any  # success message


def _resolve(user: User, c: Candidacy, d: dict[str, Any]) -> Any:
    objection = selectors.open_objection_get(c, d.get("objection"))
    if objection is None:
        raise DomainError("找不到待处理的异议，可能已被处理。", field="objection")
    return services.objection_resolve(
        actor=user,
        objection=objection,
        expected_version=d["version"],
        upheld=d["outcome"] == "upheld",
        answer=d.get("answer", ""),
    )


ACTIONS: dict[str, Action] = {
    "consent": Action(
        TextForm,
        lambda u, c, d: services.candidacy_consent(
            actor=u, candidacy=c, expected_version=d["version"], note=d.get("text", "")
        ),
        _("已记录院党组织同意。"),
    ),
    "withdraw": Action(
        TextForm,
        lambda u, c, d: services.candidacy_withdraw(
            actor=u, candidacy=c, expected_version=d["version"], reason=d.get("text", "")
        ),
        _("已撤回推荐。"),
    ),
    "review": Action(
        TextForm,
        lambda u, c, d: services.candidacy_review(
            actor=u, candidacy=c, expected_version=d["version"], opinion=d.get("text", "")
        ),
        _("已记录联合审查意见。"),
    ),
    "decide": Action(
        TextForm,
        lambda u, c, d: services.candidacy_decide(
            actor=u, candidacy=c, expected_version=d["version"], note=d.get("text", "")
        ),
        _("已记录校党委决定。"),
    ),
    "stand": Action(
        VersionForm,
        lambda u, c, d: services.candidacy_stand(
            actor=u, candidacy=c, expected_version=d["version"]
        ),
        _("已提交代表大会选举。"),
    ),
    "publish": Action(
        VersionForm,
        lambda u, c, d: services.candidacy_publish(
            actor=u, candidacy=c, expected_version=d["version"]
        ),
        _("已开始公示。"),
    ),
    "resolve": Action(ResolveForm, _resolve, _("已答复异议。")),
    "appoint": Action(
        VersionForm,
        lambda u, c, d: services.candidacy_appoint(
            actor=u, candidacy=c, expected_version=d["version"]
        ),
        _("已任命。"),
    ),
    "reject": Action(
        TextForm,
        lambda u, c, d: services.candidacy_reject(
            actor=u, candidacy=c, expected_version=d["version"], reason=d.get("text", "")
        ),
        _("已决定不予任用。"),
    ),
}


def recommend_from(actor: User, d: dict[str, Any]) -> Candidacy:
    """推荐 from a student number, a union id and a department id (pages and API)."""
    number = d.get("number", "")
    candidate = selectors.college_student_find(actor=actor, number=number)
    if candidate is None:
        message = gettext("本院找不到学号为“%(n)s”的在读学生。") % {"n": number}
        raise DomainError(message, field="number")
    union = selectors.union_of_school_get(candidate.school_id, d.get("union"))
    if union is None:
        raise DomainError("请选择本校的学生会、研究生会或本院学生会。", field="union")
    department = selectors.department_get(d.get("department"))
    return services.candidacy_recommend(
        actor=actor,
        candidate=candidate,
        union=union,
        position=d.get("position", ""),
        department=department,
        recommendation=d.get("recommendation", ""),
    )
