from django.db import migrations

CATEGORIES = [
    ("教学教务", False),
    ("食堂餐饮", False),
    ("宿舍与水电", False),
    ("网络与信息", False),
    ("物价与消费", False),
    ("安全", True),
    ("心理与健康", True),
    ("失物招领", False),
    ("其他", False),
]


def seed(apps, schema_editor):
    IssueCategory = apps.get_model("rights", "IssueCategory")
    for position, (name, urgent) in enumerate(CATEGORIES, start=1):
        IssueCategory.objects.get_or_create(name=name, defaults={"is_urgent": urgent, "position": position})


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
