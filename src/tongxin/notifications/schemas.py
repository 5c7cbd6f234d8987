from ninja import Schema


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: str
    read: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    page: int
    has_next: bool
    unread: int
