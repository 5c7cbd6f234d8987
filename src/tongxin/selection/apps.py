from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "tongxin.selection"
    label = "selection"
    verbose_name = "选拔任用"
    # The steps' shared helpers and the pages' glue (tests/test_conventions.py).
    internal_modules = ("services.common", "actions", "presenters")
