"""A proposal's steps as the pages and the API take them: the step's form and its one
service, by the transition table's action name (proposal_machine.PROPOSAL). Each part adds
its steps in its own section; proposal_views.action_view and proposal_api take any of them.

    STEPS["submit"] = Step(VersionForm, lambda user, proposal, data: service(...), "已提交")
"""

from typing import Any

from tongxin.accounts.models import User

from . import proposal_committee_forms as committee_forms
from . import proposal_handling_forms as handling_forms
from .proposal_models import Proposal
from .proposal_step_kit import Run, Step, VersionForm  # noqa: F401 (the parts' kit)
from .proposal_write_forms import (
    DeclineForm,
    EditForm,
    InviteForm,
    WithdrawForm,
)
from .services import proposal_committee as committee
from .services import proposal_handling as handling
from .services import proposal_writing as _writing

STEPS: dict[str, Step] = {}

# --- proposals: writing and co-signing ------------------------------------------------------

STEPS["edit"] = Step(
    EditForm,
    lambda user, p, d: _writing.proposal_edit(
        actor=user,
        proposal=p,
        expected_version=d["version"],
        title=d.get("title"),
        category=d.get("category"),
        background=d.get("background"),
        analysis=d.get("analysis"),
        suggestion=d.get("suggestion"),
    ),
    "提案已修改。",
)
STEPS["invite"] = Step(
    InviteForm,
    lambda user, p, d: _writing.proposal_invite(
        actor=user, proposal=p, expected_version=d["version"], invitees=d.get("invitees") or []
    ),
    "已邀请附议，等待代表确认。",
)
STEPS["cosign"] = Step(
    VersionForm,
    lambda user, p, d: _writing.proposal_cosign(
        actor=user, proposal=p, expected_version=d["version"]
    ),
    "您已确认附议。",
)
STEPS["decline"] = Step(
    DeclineForm,
    lambda user, p, d: _writing.proposal_decline(
        actor=user, proposal=p, expected_version=d["version"], note=d.get("note") or ""
    ),
    "您已谢绝附议。",
)
STEPS["submit"] = Step(
    VersionForm,
    lambda user, p, d: _writing.proposal_submit(
        actor=user, proposal=p, expected_version=d["version"]
    ),
    "提案已提交，等待提案工作委员会审查。",
)
STEPS["withdraw"] = Step(
    WithdrawForm,
    lambda user, p, d: _writing.proposal_withdraw(
        actor=user, proposal=p, expected_version=d["version"], reason=d.get("reason") or ""
    ),
    "提案已撤回。",
)


# --- proposals: the committee ---------------------------------------------------------------


def _accept(user: User, proposal: Proposal, d: dict[str, Any]) -> Proposal:
    return committee.proposal_accept(
        actor=user,
        proposal=proposal,
        expected_version=d["version"],
        lead_office=committee_forms.node(d.get("lead_office"), "lead_office"),
        co_offices=committee_forms.nodes(d.get("co_offices") or [], "co_offices"),
        deadline_kind=d.get("deadline_kind") or "",
        deadline_workdays=d.get("deadline_workdays"),
        present=committee_forms.users(d.get("present") or [], "present"),
        note=d.get("note") or "",
    )


def _refer(user: User, proposal: Proposal, d: dict[str, Any]) -> Proposal:
    return committee.proposal_refer(
        actor=user,
        proposal=proposal,
        expected_version=d["version"],
        lead_office=committee_forms.node(d.get("lead_office"), "lead_office"),
        co_offices=committee_forms.nodes(d.get("co_offices") or [], "co_offices"),
        deadline_kind=d.get("deadline_kind") or "",
        deadline_workdays=d.get("deadline_workdays"),
        note=d.get("note") or "",
    )


def _refuse(user: User, proposal: Proposal, d: dict[str, Any]) -> Proposal:
    return committee.proposal_refuse(
        actor=user,
        proposal=proposal,
        expected_version=d["version"],
        ground=d.get("ground") or "",
        note=d.get("note") or "",
        forwarded_to=committee_forms.node(d.get("forwarded_to"), "forwarded_to"),
        present=committee_forms.users(d.get("present") or [], "present"),
    )


def _merge(user: User, proposal: Proposal, d: dict[str, Any]) -> Proposal:
    target_id = d.get("merge_into")
    target = Proposal.objects.filter(pk=target_id).first() if target_id else None
    return committee.proposal_merge(
        actor=user,
        proposal=proposal,
        expected_version=d["version"],
        target=target,
        present=committee_forms.users(d.get("present") or [], "present"),
        note=d.get("note") or "",
    )


STEPS["accept"] = Step(committee_forms.AcceptForm, _accept, "已立案并交办。")
STEPS["refer"] = Step(committee_forms.OfficesForm, _refer, "已交办。")
STEPS["refuse"] = Step(committee_forms.RefuseForm, _refuse, "已记录不予立案。")
STEPS["merge"] = Step(committee_forms.MergeForm, _merge, "已并案，以下为并入的提案。")


# --- proposals: handling --------------------------------------------------------------------
# The offices reply, report progress and the final result, add a co-office's opinion or
# hand the proposal back; the lead proposer rates, the co-signers rate beside.


def _office(data: dict[str, Any]) -> Any:
    from tongxin.orgs.models import Node

    office = data.get("office")
    return Node.objects.filter(pk=office).first() if office else None


STEPS |= {
    "reply": Step(
        handling_forms.ReplyForm,
        lambda user, p, data: handling.proposal_reply(
            actor=user,
            proposal=p,
            expected_version=data["version"],
            result_class=data["result_class"],
            text=data["text"],
        ),
        "已答复。",
    ),
    "progress": Step(
        handling_forms.ProgressForm,
        lambda user, p, data: handling.proposal_progress(
            actor=user, proposal=p, expected_version=data["version"], text=data["text"]
        ),
        "已报告进展。",
    ),
    "finish": Step(
        handling_forms.FinishForm,
        lambda user, p, data: handling.proposal_finish(
            actor=user,
            proposal=p,
            expected_version=data["version"],
            result_class=data["result_class"],
            text=data["text"],
        ),
        "已报告最终结果。",
    ),
    "add-input": Step(
        handling_forms.InputForm,
        lambda user, p, data: handling.proposal_add_input(
            actor=user, proposal=p, office=_office(data), text=data["text"]
        ),
        "已提供协办意见。",
    ),
    "hand-back": Step(
        handling_forms.HandBackForm,
        lambda user, p, data: handling.proposal_hand_back(
            actor=user, proposal=p, expected_version=data["version"], reason=data["reason"]
        ),
        "已退回交办。",
    ),
    "rate": Step(
        handling_forms.RateForm,
        lambda user, p, data: handling.proposal_rate(
            actor=user,
            proposal=p,
            expected_version=data["version"],
            rating=data["rating"],
            reason=data.get("reason") or "",
        ),
        "已评价。",
    ),
    "co-rate": Step(
        handling_forms.CoRateForm,
        lambda user, p, data: handling.proposal_corate(
            actor=user, proposal=p, rating=data["rating"], reason=data.get("reason") or ""
        ),
        "已评价。",
    ),
}
