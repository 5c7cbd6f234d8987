"""Ship the rating scales in use (seed.RATING_SCALES); the province edits them as data."""

from django.db import migrations

from tongxin.reform.seed import seed_rating_scales


def forwards(apps, schema_editor):
    seed_rating_scales(apps)


class Migration(migrations.Migration):
    dependencies = [("reform", "0004_review_chain")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
