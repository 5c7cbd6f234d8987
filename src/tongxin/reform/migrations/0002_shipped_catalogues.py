"""Ship the indicator tables of 2025—2026 and 2026—2027 (table 一 published, table 二 a draft)
and the scoring models (catalogue_data.py). Later years are copies the province edits."""

from django.db import migrations

from tongxin.reform.seed import seed_catalogue

SHIPPED_YEARS = (2025, 2026)


def forwards(apps, schema_editor):
    for year in SHIPPED_YEARS:
        for level in ("school", "college"):
            seed_catalogue(year, level, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("reform", "0001_catalogue")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
