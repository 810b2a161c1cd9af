"""OpenPGP signatures of the provider's public documents (CSAF 2.0 requirements 18-20).

The center signs each TLP:CLEAR document with its OpenPGP key, a detached ASCII-armored
signature served beside it as ``<file>.asc``; the public key is served under
``/.well-known/csaf/openpgp/<fingerprint>.asc`` and named in ``provider-metadata.json``
(``public_openpgp_keys``). Signing runs the ``gpg`` binary through python-gnupg, over the
GnuPG home ``AICC_CSAF_GNUPGHOME`` holding the secret key (without a passphrase, or with it in
``AICC_CSAF_GPG_PASSPHRASE``), the key named by ``AICC_CSAF_KEY`` (its fingerprint). Unset: the
provider serves no signatures: its metadata names no key, its feed links none, and asking for
one answers 404 with the reason.

A signature is kept per document digest while the server runs (signing costs a gpg process).
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aicc.core.errors import ConfigError


@dataclass
class Signer:
    """The center's OpenPGP key, and the signatures made with it so far."""

    home: Path
    fingerprint: str
    passphrase: str | None = None
    _signatures: dict[str, str] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _gpg(self) -> Any:
        import gnupg  # type: ignore[import-untyped]  # python-gnupg ships no type hints

        return gnupg.GPG(gnupghome=str(self.home))

    def public_key(self) -> str:
        """The ASCII-armored public key."""
        gpg = self._gpg()
        armored = str(gpg.export_keys(self.fingerprint))
        if "BEGIN PGP PUBLIC KEY BLOCK" not in armored:
            raise ConfigError(f"AICC_CSAF_KEY: no key {self.fingerprint} in {self.home}")
        return armored

    def sign(self, content: bytes) -> str:
        """A detached ASCII-armored signature of ``content`` (the same one while it is kept)."""
        digest = hashlib.sha256(content).hexdigest()
        with self._lock:
            if digest in self._signatures:
                return self._signatures[digest]
            made = self._gpg().sign(
                content,
                keyid=self.fingerprint,
                detach=True,
                binary=False,
                passphrase=self.passphrase,
            )
            text = str(made)
            if not text.startswith("-----BEGIN PGP SIGNATURE-----"):
                raise ConfigError(
                    f"AICC_CSAF_KEY: gpg could not sign with {self.fingerprint}: "
                    f"{made.status or 'no status'}; {(made.stderr or '').strip()[-300:]}"
                )
            self._signatures[digest] = text
            return text


def signer_from_env(environ: Mapping[str, str]) -> Signer | None:
    """The signer ``AICC_CSAF_GNUPGHOME`` and ``AICC_CSAF_KEY`` name, or None when neither is
    set; ConfigError naming what is wrong when one is missing, the folder or gpg is absent, or
    the key is not in the folder with its secret part."""
    home = environ.get("AICC_CSAF_GNUPGHOME", "").strip()
    key = environ.get("AICC_CSAF_KEY", "").strip().replace(" ", "").upper()
    if not home and not key:
        return None
    if not home or not key:
        missing = "AICC_CSAF_GNUPGHOME" if not home else "AICC_CSAF_KEY"
        raise ConfigError(f"{missing} is not set: both name the key that signs the CSAF documents")
    if shutil.which("gpg") is None:
        raise ConfigError("AICC_CSAF_KEY is set but no gpg binary is on the PATH to sign with")
    if not Path(home).is_dir():
        raise ConfigError(f"AICC_CSAF_GNUPGHOME: {home} is not a folder")
    signer = Signer(Path(home), key, environ.get("AICC_CSAF_GPG_PASSPHRASE") or None)
    gpg = signer._gpg()
    secret = {k["fingerprint"] for k in gpg.list_keys(secret=True)}
    if key not in secret:
        held = ", ".join(sorted(secret)) or "none"
        raise ConfigError(
            f"AICC_CSAF_KEY: {key} is not a secret key of {home} (its secret keys: {held}); "
            "give the full fingerprint"
        )
    return signer
