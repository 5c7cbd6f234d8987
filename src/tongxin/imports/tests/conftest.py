from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _memory_storage(settings: Any) -> None:
    """Uploaded workbooks stay in memory instead of the data folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
