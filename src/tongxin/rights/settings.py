"""A school's rights-desk settings (defaults when the school has saved none)."""

from .models import RightsSettings


def settings_for(school_id: int) -> RightsSettings:
    found = RightsSettings.objects.filter(school_id=school_id).first()
    return found if found is not None else RightsSettings(school_id=school_id)
