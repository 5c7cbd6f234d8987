"""The ballot form (选票): per candidate 赞成 / 不赞成 / 弃权 (弃权 by default) and, when the
election allows them, as many write-in boxes as the round has seats. It parses; the service
(services/election_ballot.py) judges the rules and names the field."""

from typing import Any

from django import forms

from tongxin.core.forms import TxForm

from .election_models import ElectionCandidate
from .services.election_ballot import ABSTAIN, CHOICE_LABELS, CHOICES, WRITE_IN_MAX


def choice_field(candidate: ElectionCandidate) -> str:
    return f"c{candidate.pk}"


class BallotForm(TxForm):
    def __init__(
        self,
        data: Any = None,
        *,
        candidates: list[ElectionCandidate],
        write_in_boxes: int,
    ) -> None:
        super().__init__(data)
        self.candidates = candidates
        for c in candidates:
            user = c.user
            self.fields[choice_field(c)] = forms.ChoiceField(
                label=f"{user.real_name}（{user.number}）" if user.number else user.real_name,
                choices=[(k, CHOICE_LABELS[k]) for k in CHOICES],
                initial=ABSTAIN,
                required=False,
                widget=forms.RadioSelect,
            )
        for i in range(1, write_in_boxes + 1):
            self.fields[f"write_in_{i}"] = forms.CharField(
                label=f"另选他人 {i}（学号）",
                required=False,
                max_length=WRITE_IN_MAX,
            )

    def choice_fields(self) -> list[forms.BoundField]:
        return [self[choice_field(c)] for c in self.candidates]

    def write_in_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("write_in_")]

    def ballot(self) -> tuple[dict[int, str], list[str]]:
        """{candidate id: choice} and the write-ins' numbers, from cleaned data."""
        d = self.cleaned_data
        choices = {c.pk: d.get(choice_field(c)) or ABSTAIN for c in self.candidates}
        numbers = [d.get(f.name) or "" for f in self.write_in_fields()]
        return choices, [n for n in numbers if n.strip()]
