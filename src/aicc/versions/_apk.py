"""Alpine (and Wolfi, Chainguard): apk-tools' ``apk_version_compare``, ported token by token.

This follows the current ``src/version.c`` (digits, a letter, ``_suffix`` numbers, ``~hash``,
``-rN``). univers reads apk versions with Gentoo's rules instead, and rejects valid ones such as
"1.0_cvs1", "1.0_git20230101", "1.0_hg1" and "006" (all in apk-tools' own test data).

apk never refuses to compare: where a version stops following the grammar ("1.7.4p6-r1": a
digit after the letter; "1.0bc"; "23_foo"), it reads an invalid token and stops, and an invalid
token ranks below the end of a version and above a prerelease suffix ("1.0_foo" < "1.0";
"1.0" < "1.0bc"). Alpine's security data carries such strings, so the key does the same. Where
two versions turn invalid at the same point apk calls them equal; the key orders them by the
unread rest instead (its numbers numerically), so that "1.7.4p6-r1" < "1.7.4p7-r0" and a fix
written that way is not already met by the version before it. Only a string that does not start
with a digit, of which apk reads nothing, is invalid here.
"""

from __future__ import annotations

import re
from typing import Any

# apk's token types, in the order of the C enum: the order is part of the comparison.
_INITIAL_DIGIT, _DIGIT, _LETTER, _SUFFIX, _SUFFIX_NO, _COMMIT_HASH, _REVISION_NO, _END = range(8)
INVALID = 8  # what apk reads where the grammar breaks; it ends the version
_SUFFIXES = {
    "alpha": 1,
    "beta": 2,
    "pre": 3,
    "rc": 4,
    "cvs": 6,
    "svn": 7,
    "git": 8,
    "hg": 9,
    "p": 10,
}
_SUFFIX_NONE = 5  # suffixes below it are prereleases
_PRE_RANK = -INVALID - 1  # a prerelease suffix sorts below whatever the other version has there
_DIGITS = re.compile(r"[0-9]+")
_LOWER = re.compile(r"[a-z]*")
_HEX = re.compile(r"[0-9a-fA-F]+")
_REST = re.compile(r"[0-9]+|[^0-9]+")


def _digit_value(text: str) -> tuple[int, Any]:
    # token_cmp compares two DIGIT tokens as strings when either has a leading zero, else as
    # numbers; as a key: zero-led strings (in string order) before all other numbers.
    return (0, text) if text[0] == "0" else (1, int(text))


def _rest_key(rest: str) -> tuple[tuple[int, Any], ...]:
    """The part apk cannot read, as runs of digits (numerically) and of other characters."""
    return tuple((1, int(run)) if run[0].isdigit() else (0, run) for run in _REST.findall(rest))


def tokens(version: str) -> list[tuple[int, Any]]:
    """(type, value) tokens as ``token_first``/``token_next`` read them.

    Where the grammar breaks, the last token is ``(INVALID, rest)`` with the unread rest; a
    version that does not start with a digit raises ValueError.
    """
    match = _DIGITS.match(version)
    if match is None:
        raise ValueError("does not start with a digit")
    out: list[tuple[int, Any]] = [(_INITIAL_DIGIT, int(match.group()))]
    kind, pos = _INITIAL_DIGIT, match.end()
    value: Any
    while pos < len(version):
        char = version[pos]
        end = pos
        if "a" <= char <= "z" and kind <= _DIGIT:
            kind, value, end = _LETTER, ord(char), pos + 1
        elif (char == "." and kind <= _DIGIT) or ("0" <= char <= "9" and kind == _SUFFIX):
            digits = _DIGITS.match(version, pos + 1 if char == "." else pos)
            if digits is not None:
                end = digits.end()
                if kind == _SUFFIX:
                    kind, value = _SUFFIX_NO, int(digits.group())
                else:
                    kind, value = _DIGIT, _digit_value(digits.group())
        elif char == "_" and kind <= _SUFFIX_NO:
            name = _LOWER.match(version, pos + 1)
            assert name is not None  # [a-z]* always matches
            if name.group() in _SUFFIXES:
                kind, value, end = _SUFFIX, _SUFFIXES[name.group()], name.end()
        elif char == "~" and kind < _COMMIT_HASH:
            commit = _HEX.match(version, pos + 1)
            if commit is not None:
                kind, value, end = _COMMIT_HASH, commit.group(), commit.end()
        elif version.startswith("-r", pos) and kind < _REVISION_NO:
            digits = _DIGITS.match(version, pos + 2)
            if digits is not None:
                kind, value, end = _REVISION_NO, int(digits.group()), digits.end()
        if end == pos:  # nothing read: apk's TOKEN_INVALID
            out.append((INVALID, version[pos:]))
            break
        out.append((kind, value))
        pos = end
    return out


def apk_key(version: str) -> tuple[Any, ...]:
    """A key ordering versions as ``apk version -t`` (see the module note on invalid parts)."""
    key: list[tuple[int, Any]] = []
    for kind, value in tokens(version.strip()):
        if kind == _SUFFIX and value < _SUFFIX_NONE:
            key.append((_PRE_RANK, value))
        elif kind == INVALID:
            # Nothing follows an invalid token; among equals so far, the unread rest decides.
            key.append((-INVALID, _rest_key(value)))
            return tuple(key)
        else:
            # Where the two versions' token types differ, the later type sorts first
            # ("1.0" < "1.0a" < "1.0.1" but "1.0_rc1" < "1.0"): rank by the negated type.
            key.append((-kind, value))
    key.append((-_END, 0))
    return tuple(key)
