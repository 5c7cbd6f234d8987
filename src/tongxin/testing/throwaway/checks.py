"""What the throwaway app's own pytest process asserts (run by tests/test_registration.py
with tongxin.testing.throwaway_settings; not collected otherwise: no test_ prefix)."""

from django.test import Client

from tongxin.core.registration import settings_edited_at
from tongxin.testing.matrix import gather_rows


def test_the_menu_links_the_page(client_for) -> None:
    html = client_for("student_a").get("/").content.decode()
    assert 'href="/throwaway/">试验页面</a>' in html


def test_the_home_page_shows_the_card(client_for) -> None:
    html = client_for("advisor_a").get("/").content.decode()
    assert 'data-testid="home-throwaway"' in html and "试验卡片 1" in html


def test_the_todo_list_shows_the_item(client_for) -> None:
    html = client_for("province_admin").get("/todo/").content.decode()
    assert "试验待办事项" in html and 'href="/throwaway/"' in html


def test_the_api_serves_and_documents_the_router(client_for) -> None:
    client = client_for("student_a")
    assert client.get("/api/v1/throwaway/ping").json() == {"pong": True}
    assert "/api/v1/throwaway/ping" in Client().get("/api/v1/openapi.json").json()["paths"]


def test_the_matrix_has_the_row() -> None:
    assert "throwaway page" in [row.name for row in gather_rows()]


def test_the_settings_registry_lists_the_setting() -> None:
    assert "throwaway.knob" in [spec.key for spec in settings_edited_at("city")]
