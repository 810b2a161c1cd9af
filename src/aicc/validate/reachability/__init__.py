"""Reachability: can the project's code get to the vulnerable code of a dependency?

``analyse_reachability(conn, findings, inventories)`` returns one `Reachability` per finding,
aligned with ``findings``. Go is analysed at symbol level, Python at import level.

Rules:

Source tree
  The source tree analysed is the directory holding the inventory file the component came from:
  go.mod's (or go.sum's) directory for Go; the directory of requirements.txt, poetry.lock,
  uv.lock, Pipfile.lock, pdm.lock or pylock.toml for Python (a requirements file in a directory
  named ``requirements`` stands for that directory's parent). An SBOM or OS package database
  has no source tree: its findings are UNKNOWN at level ``none`` at once, with nothing read.
  Other ecosystems are UNKNOWN at level ``none``. Each tree is walked once per call, skipping
  ``.git``, ``node_modules``, ``testdata``, hidden directories and virtual environments, and at
  most ``max_files`` files (20,000) are read for it; past the cap the answer is UNKNOWN.

Go (symbol level)
  Every non-test ``.go`` file of the module is parsed with tree-sitter-go (nested modules and
  ``vendor/`` aside), recording its imports (path, alias, dot and blank imports), every
  package-qualified reference ``pkg.Name`` (and method expression ``pkg.T.M``) and every
  selector ``x.M``. Imports are followed, package by package, into the module's ``vendor/``
  tree, else the module cache (``$GOMODCACHE``, ``$GOPATH/pkg/mod`` or ``~/go/pkg/mod``, at
  the exact ``module@version`` the inventory requires), and into ``$GOROOT/src`` for the
  standard library, so that every package the module builds with is read. The affected
  packages and symbols are those of the finding's OSV records (``ecosystem_specific.imports``);
  unexported symbols cannot be named from outside their package and are not looked for.
  - A function ``F`` of package P is referenced by ``a.F`` in a file that imports P as ``a``;
    a method ``T.M`` by ``a.T.M``, or by ``x.M`` in a file importing P (the receiver's type is
    not checked, so this may be another type's M).
  - A package listed without symbols (or a record that names no package: the whole module)
    is reached when it is imported.
  - REACHABLE when the module's own code references an affected symbol; the locations are
    given as ``file:line``.
  - NOT_REACHABLE only when every package the module builds with was read and none references
    an affected symbol: no dependency module missing, the standard library read from GOROOT
    when P is in it (its packages call each other) or when a method of P is affected and P
    is imported (the standard library may call it through an interface), no file that could
    not be parsed, and no cap reached.
  - UNKNOWN otherwise, saying why: a dependency references the symbol; P is dot-imported
    (unqualified calls are not resolved) or imported for its side effects; a method ``.M`` of
    an affected ``T.M`` is called anywhere while P is imported; P is the runtime (linked into
    every program) or a ``cmd/`` package (the toolchain); or something was not read, e.g.
    "not called from this module's own code; 3 dependency modules were not available to
    analyse (run `go mod vendor`)".

Python (import level)
  Every ``.py`` file of the tree is read with ``ast`` (nothing is executed) for ``import x.y``,
  ``from x import y`` (anywhere, also inside functions), ``importlib.import_module("x")`` and
  ``__import__("x")`` with a constant string, and strings that name a module such as
  ``"corsheaders.middleware.CorsMiddleware"`` (settings that load code by name). A
  distribution's modules come from the installed environment (``.venv``, ``venv``, another
  virtualenv directly under the root, or ``lib/python3*/site-packages`` under the root: its
  ``RECORD``, else ``top_level.txt``), else from a table of well-known names (PyYAML ->
  yaml, Pillow -> PIL, ...) or the PEP 503 name with ``-`` as ``_``.
  - REACHABLE when the own code imports one of its modules (import level: it does not prove
    that the vulnerable function is called).
  - NOT_REACHABLE only when an environment was found, the distribution is installed in it at
    the inventory's version with its modules listed, every other distribution of the
    inventory is installed at its version, the own code neither imports nor names its modules,
    no other installed ``.py`` file, entry point or ``.pth`` start-up line imports them, and
    it installs no entry points or scripts (which run it without an import, as gunicorn runs).
  - UNKNOWN otherwise, with what is missing, e.g. "not imported by the project's own code;
    its dependents were not analysed (no virtual environment found)".
  Compiled extension modules are not looked into for the imports they make.

A file that cannot be parsed is skipped; it turns a NOT_REACHABLE into UNKNOWN (naming it)
when it might matter (Go: any file read; Python: a file that mentions the module's name).
Source never makes this raise.

`analyse` finds each finding's source tree and hands it to `go` (with `go_source`, the packages
the module builds with, and `go_parse`, one file read with tree-sitter-go) or `python` (with
`python_env`, the installed environment, and `python_parse`, one file read with `ast`);
`files` walks a tree under the cap on files read.
"""

from aicc.validate.reachability.analyse import NO_SOURCE, SOURCE_TREE_FORMATS, analyse_reachability
from aicc.validate.reachability.files import MAX_FILES
from aicc.validate.reachability.go_source import GoEnvironment

__all__ = ["MAX_FILES", "NO_SOURCE", "SOURCE_TREE_FORMATS", "GoEnvironment", "analyse_reachability"]
