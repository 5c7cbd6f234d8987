from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "tongxin.attachments"
    label = "attachments"
    verbose_name = "附件"
