from ninja import Schema


class GrantOut(Schema):
    role: str
    role_label: str
    position: str
    node_id: int
    node_kind: str


class MeOut(Schema):
    id: int
    username: str
    real_name: str
    school_id: int | None
    school_name: str | None
    number: str
    grants: list[GrantOut]


class NodeOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    code: str
    parent_id: int | None
    school_id: int | None
    depth: int


class NodePage(Schema):
    items: list[NodeOut]
    page: int
    has_next: bool


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


class ErrorOut(Schema):
    detail: str
