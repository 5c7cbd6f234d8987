"""The session engine (SESSION_ENGINE): Django's database sessions, read with one prepared
statement instead of an ORM query.

Every logged-in request reads its session. Building and compiling `Session.objects.get(…)`
cost about 0.4 ms of CPU, twenty times the statement itself (docs/performance.md, "Where a
logged-in request's time goes"). Only the read changes: the same table, the same expiry
test (expire_date later than now), the same decoding and signature check; writes, logout
(delete), key cycling at login and `clearsessions` are Django's own. Sessions stay in the
database, so they survive a restart of the server and of the cache alike.
"""

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        key = self.session_key
        if key is None:  # no cookie, or one that failed the key's own validation
            return {}
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [key, now],
            )
            row = cursor.fetchone()
        if row is None:  # unknown or expired: as Django's own, a new key when saved
            self._session_key = None
            return {}
        data: dict[str, Any] = self.decode(row[0])
        return data
