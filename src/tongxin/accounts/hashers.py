"""The password hasher for real accounts: Argon2id, sized for a small server.

Django's Argon2 default asks for 100 MiB per hash. A login happens inside a web worker,
so every worker's memory peaks by that much (measured in bench/: a worker's VmHWM went
from 101 MB to 202 MB on its first login POST while its steady RSS stayed at 102 MB),
and three workers logging people in at once need 300 MiB more for a moment. OWASP's
password storage guidance lists equally strong Argon2id settings; this takes the first
one: 19 MiB, 2 passes, 1 lane. Hashes stored with other parameters still verify and are
upgraded on the next login (Django's `must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
