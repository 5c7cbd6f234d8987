"""What a proposal step is (the parts' forms import VersionForm from here, proposal_steps
gathers the steps): its form, its one service, its done message."""

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
