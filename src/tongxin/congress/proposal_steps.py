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
from .proposal_write_forms import (  # noqa: E402
    DeclineForm,
    EditForm,
    InviteForm,
    WithdrawForm,
)
from .services import proposal_writing as _writing  # noqa: E402

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


# --- proposals: handling --------------------------------------------------------------------
