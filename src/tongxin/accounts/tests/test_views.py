from django.test import Client

from tongxin.testing.province import PASSWORD


def _login(client: Client, login: str, password: str = PASSWORD, school_code: str = ""):
    return client.post(
        "/accounts/login/", {"school_code": school_code, "login": login, "password": password}
    )


def test_student_logs_in_with_school_code_and_number(province):
    client = Client()
    response = _login(client, "2024001", school_code="TA01")
    assert response.status_code == 302
    assert client.get("/").context["user"] == province.student_a


def test_same_number_in_another_school_is_another_person(province):
    client = Client()
    _login(client, "2024001", school_code="TB01")
    assert client.get("/").context["user"] == province.student_b


def test_federation_staff_log_in_with_a_username(province):
    client = Client()
    assert _login(client, "city1").status_code == 302
    assert client.get("/").context["user"] == province.city_staff_1


def test_wrong_password_is_refused_with_a_chinese_message(province):
    response = _login(Client(), "2024001", password="nope", school_code="TA01")
    assert response.status_code == 200
    assert "密码不正确" in response.content.decode()


def test_imported_account_without_password_cannot_log_in(province):
    student = province.student_a
    student.set_unusable_password()
    student.save()
    assert _login(Client(), "2024001", school_code="TA01").status_code == 200


def test_login_next_parameter_cannot_leave_the_site(province):
    response = Client().post(
        "/accounts/login/?next=https://evil.example/",
        {"school_code": "TA01", "login": "2024001", "password": PASSWORD},
    )
    assert response["Location"] == "/"


def test_password_change_requires_the_old_password(province, client_for):
    client = client_for("student_a")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password": "Qz8!long-pass",
            "new_password_again": "Qz8!long-pass",
        },
    )
    assert "原密码不正确" in response.content.decode()
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password": "Qz8!long-pass",
            "new_password_again": "Qz8!long-pass",
        },
    )
    assert response.status_code == 302
    province.student_a.refresh_from_db()
    assert province.student_a.check_password("Qz8!long-pass")
    assert client.get("/").status_code == 200  # still logged in


def test_advisor_issues_an_activation_link_the_person_uses(province, client_for):
    student = province.student_a
    student.set_unusable_password()
    student.save()
    response = client_for("advisor_a").post(
        f"/accounts/people/{student.pk}/activation/", follow=True
    )
    message = next(iter(response.context["messages"])).message
    link = message[message.index("/accounts/activate/") :]
    anonymous = Client()
    response = anonymous.post(
        link, {"new_password": "Qz8!long-pass", "new_password_again": "Qz8!long-pass"}
    )
    assert response.status_code == 302
    assert _login(Client(), "2024001", "Qz8!long-pass", school_code="TA01").status_code == 302
    # The link worked once: the password changed, so the token is spent.
    again = anonymous.post(
        link, {"new_password": "Other!pass-77", "new_password_again": "Other!pass-77"}
    )
    assert again.status_code == 404  # a spent link names nobody


def test_advisor_of_another_school_cannot_issue_activation(province, client_for):
    response = client_for("advisor_b").post(f"/accounts/people/{province.student_a.pk}/activation/")
    assert response.status_code == 404


def test_sensitive_fields_are_masked_for_a_college_secretary(province, client_for):
    page = (
        client_for("secretary_a1")
        .get(f"/accounts/people/{province.student_a.pk}/")
        .content.decode()
    )
    assert "138****1234" in page and "13800001234" not in page and "共青团员" not in page
    page = (
        client_for("advisor_a").get(f"/accounts/people/{province.student_a.pk}/").content.decode()
    )
    assert "13800001234" in page and "共青团员" in page


def test_people_list_is_scoped_and_searchable(province, client_for):
    page = client_for("secretary_a1").get("/accounts/people/").content.decode()
    assert "张同学" in page and "李同学" not in page  # sibling college
    page = client_for("advisor_a").get("/accounts/people/?q=李").content.decode()
    assert "李同学" in page and "张同学" not in page


def test_api_tokens_are_shown_once_and_can_be_revoked(province, client_for):
    client = client_for("officer_a")
    response = client.post("/accounts/tokens/", {"name": "手机客户端"})
    raw = response.context["new_token"]
    api = Client()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["real_name"] == "赵主席"
    token = province.officer_a.api_tokens.get()
    assert raw not in (token.digest, token.prefix)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client_for("student_a").post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404


def test_logout_needs_post(province, client_for):
    client = client_for("student_a")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
