from django.db import migrations


def seed(apps, schema_editor):
    from tongxin.rights.seed import seed_categories

    seed_categories(apps.get_model("rights", "IssueCategory"))


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
