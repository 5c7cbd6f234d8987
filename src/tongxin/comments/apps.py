from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "tongxin.comments"
    label = "comments"
    verbose_name = "评论"
