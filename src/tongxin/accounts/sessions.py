"""The session engine (SESSION_ENGINE): Django's database sessions whose read also brings
the logged-in user with their grants, in one statement.

Every logged-in request reads its session and then its user. Through the ORM these were two
queries that cost more to build than to run; read as two prepared statements they were
still two round trips to the database, the larger part of what a logged-in trivial POST
cost beyond an anonymous one (docs/performance.md, "Where a logged-in request's time
goes"). accounts.Session keeps the user's id in a column beside the signed data, so the
session's statement joins the user and their active memberships (request_user.py).

What is trusted is unchanged: the signed data decides who is logged in (Django's
auth.get_user reads it, checks the backend and the session hash, and flushes a stale
session); the joined user is handed to the backend only when its id is the one the
signed data names. Writes, logout (delete), key cycling at login and `clearsessions` are
Django's own; sessions stay in the database and survive restarts.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import router

from .request_user import Loaded, load_session_with_user

# The user the current request's session statement brought, while auth.get_user asks the
# backend for the session's user (accounts.middleware).
_PRELOADED: ContextVar[Loaded | None] = ContextVar("tongxin_preloaded_user", default=None)


class SessionStore(db.SessionStore):
    # Set by load(): the session's user with grants, or None.
    preloaded: Loaded | None = None

    @classmethod
    def get_model_class(cls) -> Any:
        from .models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance: Any = super().create_model_instance(data)
        instance.user_id = _user_id(data.get(SESSION_KEY))
        return instance

    def load(self) -> dict[str, Any]:
        self.preloaded = None
        key = self.session_key
        if key is None:  # no cookie, or one that failed the key's own validation
            return {}
        found = load_session_with_user(key, router.db_for_read(self.model))
        if found is None:  # unknown or expired: as Django's own, a new key when saved
            self._session_key = None
            return {}
        raw, loaded = found
        data: dict[str, Any] = self.decode(raw)
        if loaded is not None and str(loaded[0].pk) == str(data.get(SESSION_KEY)):
            self.preloaded = loaded
        return data


def _user_id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@contextmanager
def preloaded_user(session: Any) -> Iterator[None]:
    """While inside, the backend takes the user the session's statement brought."""
    session.get(SESSION_KEY)  # loads the session (and its user) if not yet loaded
    token = _PRELOADED.set(getattr(session, "preloaded", None))
    try:
        yield
    finally:
        _PRELOADED.reset(token)


def take_preloaded(user_id: Any) -> Loaded | None:
    """The preloaded user with grants if it is the one asked for."""
    loaded = _PRELOADED.get()
    if loaded is not None and str(loaded[0].pk) == str(user_id):
        return loaded
    return None
