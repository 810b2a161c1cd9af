"""A weak hash judged by what it hashes and what it is for (issue 16): a password hashed with
any fast hash is a finding, whoever wrote it and whatever its variables are called on the
way; MD5 or SHA-1 where the code names a purpose that guards nothing (an ETag, a cache key,
de-duplication) is not. Learnt from suite J's hash misses, and the issue's own examples."""

from __future__ import annotations

import textwrap

import pytest

from aicc.code import analyse_source, builtin_rules, parse_rules
from aicc.code.rules import CodeRulesError

RULES = builtin_rules()


def flagged(code: str) -> list[tuple[int, int, str]]:
    """(cwe, line, rule) of every finding in ``code``."""
    scan = analyse_source(textwrap.dedent(code), "app.py", RULES)
    return [(f.cwe, f.line, f.rule) for f in scan.findings]


@pytest.mark.parametrize(
    "read",
    [
        'request.form["password"]',
        'request.form.get("password", "")',
        'request.get_json()["new_password"]',
        'request.args.get("userPassword")',
    ],
)
def test_a_password_from_the_request_hashed_with_sha256_is_found(read: str) -> None:
    code = f"""
    import hashlib
    from flask import request

    def register():
        secret = {read}
        return hashlib.sha256(secret.encode()).hexdigest()
    """
    assert (328, 7, "python-fast-password-hash") in flagged(code)


def test_a_password_parameter_salted_and_peppered_is_still_a_fast_hash() -> None:
    code = """
    import hashlib
    PEPPER = "x"

    def _salted(password, salt):
        material = f"{salt}{PEPPER}{password}".encode("utf-8")
        return hashlib.sha512(material).hexdigest()
    """
    assert flagged(code) == [(328, 7, "python-fast-password-hash")]


def test_a_password_handed_to_a_helper_with_another_name_is_followed() -> None:
    code = """
    import hashlib

    def fingerprint(value):
        return hashlib.new("sha256", value.encode()).hexdigest()

    class Accounts:
        def set_password(self, user, password):
            user.secret = fingerprint(password)
    """
    assert [cwe for cwe, _, _ in flagged(code)] == [328]


@pytest.mark.parametrize(
    "call",
    [
        'hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)',
        "bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
        "hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)",
        "hashlib.sha256(password_hash.encode()).hexdigest()",  # a hash, not the password
        "hashlib.sha256(reset_token.encode()).hexdigest()",  # a random token
        "hashlib.sha256(spinner.encode()).hexdigest()",  # `pin` is a whole word only
    ],
)
def test_a_password_hash_or_what_is_no_password_is_not_a_finding(call: str) -> None:
    code = f"""
    import hashlib
    import bcrypt

    def store(password, password_hash, reset_token, spinner, salt):
        return {call}
    """
    assert flagged(code) == []


@pytest.mark.parametrize(
    "function",
    [
        "def etag_for(body):\n        return hashlib.md5(body).hexdigest()",
        "def file_checksum(data):\n        return hashlib.sha1(data).hexdigest()",
        "def dedupe_key(blob):\n        return hashlib.new('md5', blob).hexdigest()",
    ],
)
def test_md5_in_a_function_named_for_a_purpose_that_guards_nothing_is_spared(
    function: str,
) -> None:
    code = f"""
    import hashlib

    {function}
    """
    assert flagged(code) == []


def test_md5_bound_to_a_cache_key_or_an_etag_header_is_spared() -> None:
    code = """
    import hashlib

    class ResponseCache:
        def key_for(self, path):
            return hashlib.sha1(path.encode()).hexdigest()

    def view(resp, body, path):
        cache_key = hashlib.md5(path.encode()).hexdigest()
        resp.headers["ETag"] = hashlib.md5(body).hexdigest()
        return {"etag": hashlib.md5(body).hexdigest(), "key": cache_key}
    """
    assert flagged(code) == []


def test_md5_for_a_token_or_with_no_purpose_named_is_still_a_weak_hash() -> None:
    code = """
    import hashlib

    def api_key_digest(key):
        return hashlib.md5(key.encode()).hexdigest()

    def sign(payload):
        signature = hashlib.sha1(payload).hexdigest()
        return signature
    """
    assert [(cwe, line) for cwe, line, _ in flagged(code)] == [(328, 5), (328, 8)]


def test_unless_purpose_needs_a_configuration_sink() -> None:
    text = """
    sinks:
      - id: x
        cwe: 78
        message: m
        calls: [os.system]
        args: [0]
        unless_purpose: [etag]
    """
    with pytest.raises(CodeRulesError, match="unless_purpose needs requires_keywords"):
        parse_rules(textwrap.dedent(text), "rules.yaml")


def test_a_named_source_is_a_source_of_its_own() -> None:
    text = """
    sources:
      - id: pin-values
        label: password
        named: [pin]
    """
    rules = parse_rules(textwrap.dedent(text), "rules.yaml")
    assert rules.sources[0].named == ("pin",)


def test_a_weak_algorithm_on_a_password_is_one_finding_that_says_so() -> None:
    code = """
    import hashlib

    def store(password):
        return hashlib.new("sha1", password.encode()).hexdigest()
    """
    assert flagged(code) == [(328, 5, "python-fast-password-hash")]
