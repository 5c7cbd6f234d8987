from django.db import migrations


def seed(apps, schema_editor):
    from tongxin.staff.seed import seed_limits

    seed_limits(apps.get_model("staff", "StaffLimit"))


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
