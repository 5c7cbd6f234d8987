import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role


@rules.predicate
def is_federation_admin(user: object) -> bool:
    return has_role(user, Role.FEDERATION_ADMIN)


rules.add_perm("workdays.manage_calendar", is_federation_admin)
