"""The benchmark's users sign in through the real login form under the production settings
(bench/load.py): their one shared hash is made with the hasher production uses, not with the
test settings' MD5."""

from __future__ import annotations

from django.conf import global_settings
from django.utils.module_loading import import_string

from cases.management.commands.seed_bench import BENCH_PASSWORD, production_password_hash


def test_bench_password_hash_is_productions_and_checks_the_bench_password() -> None:
    encoded = production_password_hash()
    production_hasher = import_string(global_settings.PASSWORD_HASHERS[0])()
    assert encoded.startswith(f"{production_hasher.algorithm}$")
    assert production_hasher.verify(BENCH_PASSWORD, encoded)
    assert not production_hasher.verify("wrong-password", encoded)
    # One hash for every bench user: the same on every call.
    assert production_password_hash() == encoded
