"""ECharts (1.1 MB, 368 KB gzipped) is fetched once per version: whitenoise serves the
manifest-hashed names that `collectstatic` writes with a ten-year, immutable lifetime.

Checked against the production configuration in a fresh process (the test settings serve
static files from the finders, unhashed), so a change to STORAGES or the whitenoise
settings that loses the long lifetime fails here. Which pages load ECharts at all is
checked by tests/test_fuzz_pages.py (only pages that draw a chart).
"""

import json
import os
import subprocess
import sys

PROBE = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "tongxin.settings"
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--no-input", verbosity=0)
client, found = Client(), {}
for name in ("vendor/echarts-6.1.0/echarts.min.js", "stats/charts.js"):
    url = static(name)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    found[name] = [url, response.status_code, response.headers.get("Cache-Control", ""),
                   response.headers.get("Content-Encoding", "")]
unhashed = client.get("/static/vendor/echarts-6.1.0/echarts.min.js")
found["unhashed"] = [unhashed.status_code, unhashed.headers.get("Cache-Control", "")]
print(json.dumps(found))
"""


def test_hashed_chart_scripts_are_served_gzipped_with_a_long_immutable_lifetime(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env["TONGXIN_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("vendor/echarts-6.1.0/echarts.min.js", "stats/charts.js"):
        url, status, cache_control, encoding = found[name]
        assert url != f"/static/{name}", "collectstatic should hash the name"
        assert status == 200 and encoding == "gzip"
        assert "immutable" in cache_control and "max-age=315360000" in cache_control
    status, cache_control = found["unhashed"]
    assert status == 200 and "immutable" not in cache_control  # a name that may change
