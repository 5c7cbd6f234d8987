"""Security headers (issue 9, item 7): a Content-Security-Policy on every response, HTTPS
redirect and HSTS when served over HTTPS (SECURE_COOKIES=true), the proxy's
X-Forwarded-Proto trusted only when configured, /healthz exempt, Swagger served locally."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

import tongxin

HTTPS = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}
TEMPLATES = Path(tongxin.__file__).parent


def test_every_response_carries_a_self_only_policy_without_inline_script(client_for):
    for response in (Client().get("/accounts/login/"), client_for("student_a").get("/")):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_or_style():
    """What the policy would refuse in the browser: style attributes, <style>, inline
    scripts and on* handlers (json_script data blocks are not scripts)."""
    offenders = []
    for path in TEMPLATES.glob("*/templates/**/*.html"):
        text = path.read_text()
        for pattern in (
            r"\sstyle=",
            r"<style",
            r"<script(?![^>]*\bsrc=)(?![^>]*json)",
            r"\son\w+=",
        ):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert offenders == []


@override_settings(**HTTPS)
def test_plain_http_is_redirected_to_https_except_healthz(db):
    client = Client()
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"
    assert client.get("/healthz").status_code == 200


@override_settings(**HTTPS)
def test_behind_a_proxy_that_says_https_the_page_is_served_with_hsts(db):
    response = Client().get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=None)
def test_an_untrusted_forwarded_proto_header_changes_nothing(db):
    response = Client().get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301


def _settings_under(env: dict[str, str]) -> dict[str, object]:
    probe = (
        "import json, tongxin.settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
        "s.SESSION_COOKIE_SECURE]))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECURE_COOKIES", "TRUST_X_FORWARDED_FOR", "TRUST_X_FORWARDED_PROTO"}
    }
    out = subprocess.run(
        [sys.executable, "-c", probe], env=clean | env, capture_output=True, text=True, check=True
    ).stdout
    redirect, hsts, proxy, cookies = json.loads(out.strip().splitlines()[-1])
    return {"redirect": redirect, "hsts": hsts, "proxy": proxy, "cookies": cookies}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, {"redirect": False, "hsts": 0, "proxy": None, "cookies": False}),
        (
            {"SECURE_COOKIES": "true"},
            {"redirect": True, "hsts": 31536000, "proxy": None, "cookies": True},
        ),
        # Trusting the proxy's client address does not trust its protocol header: that
        # is a separate decision (a proxy may pass X-Forwarded-Proto from the client).
        (
            {"SECURE_COOKIES": "true", "TRUST_X_FORWARDED_FOR": "true", "HSTS_SECONDS": "600"},
            {"redirect": True, "hsts": 600, "proxy": None, "cookies": True},
        ),
        (
            {"SECURE_COOKIES": "true", "TRUST_X_FORWARDED_PROTO": "true"},
            {
                "redirect": True,
                "hsts": 31536000,
                "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
                "cookies": True,
            },
        ),
    ],
)
def test_https_settings_follow_the_environment(env, expected):
    assert _settings_under(env) == expected


def test_the_api_docs_load_swagger_from_this_server_only(client_for):
    page = client_for("officer_a").get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle" in a for a in assets)
    assert [a for a in assets if a.startswith(("http:", "https:", "//"))] == []
