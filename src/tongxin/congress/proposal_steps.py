"""A proposal's steps as the pages and the API take them: the step's form and its one
service, by the transition table's action name (proposal_machine.PROPOSAL). Each part adds
its steps in its own section; proposal_views.action_view and proposal_api take any of them.

    STEPS["submit"] = Step(VersionForm, lambda user, proposal, data: service(...), "已提交")
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from tongxin.accounts.models import User
from tongxin.core.forms import TxForm

from .proposal_models import Proposal

Run = Callable[[User, Proposal, dict[str, Any]], Any]


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


@dataclass(frozen=True)
class Step:
    """A proposal step: its form (parses), its service (validates and writes), and the
    message shown when it is done."""

    form: type[forms.Form]
    run: Run
    done: Any


STEPS: dict[str, Step] = {}

# --- proposals: writing and co-signing ------------------------------------------------------


# --- proposals: the committee ---------------------------------------------------------------
from . import proposal_committee_forms as committee_forms  # noqa: E402
from .services import proposal_committee as committee  # noqa: E402


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
