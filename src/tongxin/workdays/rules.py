import rules

from tongxin.accounts.roles import is_federation_admin

rules.add_perm("workdays.manage_calendar", is_federation_admin)
