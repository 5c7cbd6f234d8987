"""Real accounts' hashes: Argon2id at 19 MiB, and older Django-default hashes still work."""

from django.contrib.auth.hashers import Argon2PasswordHasher

from tongxin.accounts.hashers import Argon2idHasher


def test_passwords_are_hashed_with_argon2id_at_19_mib_2_passes_1_lane():
    hasher = Argon2idHasher()
    encoded = hasher.encode("同心-密码-2026", hasher.salt())
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify("同心-密码-2026", encoded)
    assert not hasher.verify("同心-密码-2027", encoded)


def test_a_hash_made_with_djangos_default_still_verifies_and_is_upgraded():
    old = Argon2PasswordHasher()
    encoded = old.encode("旧密码", old.salt())
    hasher = Argon2idHasher()
    assert hasher.verify("旧密码", encoded)
    assert hasher.must_update(encoded)
    assert not hasher.must_update(hasher.encode("旧密码", hasher.salt()))
