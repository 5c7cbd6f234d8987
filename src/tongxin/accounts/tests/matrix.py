"""The authorization matrix's rows of the accounts app (tests/test_authorization_matrix.py)."""

from tongxin.accounts.models import User
from tongxin.accounts.selectors import user_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    EVERYONE,
    PEOPLE,
    SECRETARIES,
    Grant,
    Row,
    others,
)

ROWS = [
    Row(
        "people list",
        lambda p: "/accounts/people/",
        ["advisor_a", "secretary_a1"],
        others("advisor_a", "secretary_a1"),
    ),
    Row(
        "a student of college A1",
        lambda p: f"/accounts/people/{p.student_a.pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "a student of the sibling college A2",
        lambda p: f"/accounts/people/{p.student_a2.pk}/",
        ["advisor_a"],
        [],
    ),
    Row("a student of the sibling school", lambda p: f"/accounts/people/{p.student_b.pk}/", [], []),
    Row("API tokens", lambda p: "/accounts/tokens/", EVERYONE, []),
    Row("account security", lambda p: "/accounts/security/", EVERYONE, []),
    Row(
        "reset the password of a student of A1 (no reason: the form again)",
        lambda p: f"/accounts/people/{p.student_a.pk}/reset/",
        ["advisor_a"],
        ["student_a", "secretary_a1"],
        method="post",
    ),
    Row(
        "reset the password of a student of the sibling school",
        lambda p: f"/accounts/people/{p.student_b.pk}/reset/",
        [],
        [],
        method="post",
    ),
    Row("password change", lambda p: "/accounts/password/", EVERYONE, []),
    Row("API me", lambda p: "/api/v1/me", EVERYONE, []),
]

GRANTS = [
    Grant(
        "a student of college A1",
        "accounts.view_user",
        lambda p: p.student_a,
        ["student_a", "secretary_a1", "advisor_a"],
        listed=lambda actor: [*user_list_for(actor=actor), actor],  # the list leaves out oneself
        among=lambda p: User.objects.all(),
    ),
    Grant(
        "a student of the sibling college A2",
        "accounts.view_user",
        lambda p: p.student_a2,
        ["student_a2", "secretary_a2", "advisor_a"],
    ),
    Grant(
        "political status and phone of a student",
        "accounts.view_sensitive_user",
        lambda p: p.student_a,
        ["student_a", "advisor_a"],
    ),
    Grant("activate a student", "accounts.activate_user", lambda p: p.student_a, ["advisor_a"]),
    Grant("activate oneself", "accounts.activate_user", lambda p: p.advisor_a, []),
    Grant(
        "reset the password of a student of school B",
        "accounts.reset_user_password",
        lambda p: p.student_b,
        ["advisor_b"],
    ),
    Grant("reset one's own password", "accounts.reset_user_password", lambda p: p.advisor_a, []),
    Grant("account security", "accounts.view_own_security", None, PEOPLE),
    Grant("people list", "accounts.view_people_list", None, [*SECRETARIES, *ADVISORS]),
    Grant(
        "a student's own API tokens",
        "accounts.manage_own_tokens",
        lambda p: p.student_a,
        ["student_a"],
    ),
    Grant(
        "revoke a student's token",
        "accounts.revoke_token",
        lambda p: p.issues["token"],
        ["student_a"],
    ),
    Grant(
        "grant a membership in class A1",
        "accounts.grant_membership",
        lambda p: p.class_a1,
        ["advisor_a", "province_admin"],
    ),
]
