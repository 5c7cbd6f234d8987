"""A refused attendance list comes back as typed, its problems linked to the box (issue 9,
items 13 and 24)."""

import pytest

from tongxin.training.models import Attendance

from .test_services import _session

pytestmark = pytest.mark.django_db


def test_a_refused_attendance_list_keeps_what_was_typed_and_points_at_the_problem(
    province, client_for
):
    session = _session(province)
    typed = "2022001 3 88\nnobody 2"
    response = client_for("advisor_a").post(f"/training/{session.pk}/", {"attendees": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert f">\n{typed}</textarea>" in page
    assert 'aria-invalid="true" aria-describedby="attendees-error"' in page
    link = '<a class="alert-link" href="#attendees">登记参训人员：第 2 行：本校没有学号/工号 nobody'
    assert link + "</a>" in page
    assert not Attendance.objects.filter(session=session).exists()
