import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role


@rules.predicate
def may_use_import(user: object) -> bool:
    return has_role(user, Role.ADVISOR)


rules.add_perm("imports.use_import", may_use_import)
