"""A refused step on the candidacy page keeps what was typed, names why and links to the
box (issue 9, items 13 and 24)."""

import pytest

from tongxin.selection.models import State

from .factories import fresh, walk

pytestmark = pytest.mark.django_db


def test_a_refused_consent_keeps_the_typed_note_and_marks_the_box(province, client_for):
    candidacy = walk(province, State.RECOMMENDED)
    url = f"/selection/candidacies/{candidacy.pk}/"
    stale = fresh(candidacy).version + 7
    response = client_for("secretary_a1").post(
        f"{url}consent/", {"version": stale, "text": "院党委 2026 年第 3 次会议同意"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in page and 'role="alert"' in page
    assert '<a class="alert-link" href="#s-consent">' in page
    assert ">\n院党委 2026 年第 3 次会议同意</textarea>" in page
    assert 'aria-invalid="true" aria-describedby="refused-problem"' in page
    assert fresh(candidacy).state == State.RECOMMENDED
