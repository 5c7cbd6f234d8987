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


# --- proposals: handling --------------------------------------------------------------------
