from ninja import Schema


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
