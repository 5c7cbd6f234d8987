"""A refused exit decision keeps the typed reason and links to it (issue 9, items 13, 24)."""

import pytest

from tongxin.assessment.models import ExitProposal

from .factories import open_round, rate, scores, union_with_officers

pytestmark = pytest.mark.django_db


def test_a_stale_dismissal_keeps_the_typed_reason_and_marks_the_box(province, client_for):
    p = union_with_officers(province)
    round_ = open_round(p)
    for key in ["advisor_a", "secretary_a1", "student_a", "student_a2"]:
        rate(p, key, round_, "member_a", scores(40))
    advisor = client_for("advisor_a")
    advisor.post(f"/assessment/rounds/{round_.pk}/close/", {"version": round_.version})
    proposal = ExitProposal.objects.get()
    response = advisor.post(
        f"/assessment/proposals/{proposal.pk}/dismiss/",
        {"version": proposal.version + 5, "reason": "已当面谈话，工作有改进"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<a class="alert-link" href="#dismiss-{proposal.pk}">' in page
    assert ">\n已当面谈话，工作有改进</textarea>" in page
    assert 'aria-invalid="true" aria-describedby="refused-problem"' in page
    proposal.refresh_from_db()
    assert proposal.status == "pending"
