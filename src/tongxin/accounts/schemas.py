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
