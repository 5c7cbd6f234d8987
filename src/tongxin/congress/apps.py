from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "tongxin.congress"
    label = "congress"
    verbose_name = "学生代表大会"
    # The steps' shared helpers and the pages' glue (tests/test_conventions.py).
    internal_modules = ("services.common", "presenters")
