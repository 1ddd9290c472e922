"""Every setting the glossary reads from the environment, declared once.

``SETTINGS`` lists (name, default, help); ``get`` is the one accessor. The README's
settings table is checked against this list by a test, so the docs cannot drift.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS = (
    Setting(
        "GLOSSARY_HOME",
        None,
        "data directory (default: the user's data directory, e.g. ~/.local/share/glossary)",
    ),
    Setting(
        "GLOSSARY_DATABASE_URL",
        None,
        "SQLAlchemy URL of the database (default: glossary.sqlite3 in GLOSSARY_HOME)",
    ),
    Setting(
        "GLOSSARY_TERMS",
        None,
        "glossary CSV to build a new database from (default: the shipped data/terms.csv)",
    ),
    Setting("GLOSSARY_PUBLIC_READS", "1", "1: anyone may read through the API; 0: reads need a token too"),
    Setting("GLOSSARY_MAX_UPLOAD_MB", "10", "largest upload (POST /check, imports) the API accepts, in MB"),
    Setting("GLOSSARY_MAX_CHECK_CHARS", "2000000", "most characters one check or scan request may send"),
    Setting("GLOSSARY_MAX_CHECK_LINES", "100000", "most lines one check or scan request may send"),
    Setting("GLOSSARY_HEAVY_SECONDS", "30", "wall time one check or scan request may take before a 503"),
    Setting("GLOSSARY_HEAVY_WORKERS", "1", "checks or scans one server process runs at once (more: 503)"),
    Setting(
        "GLOSSARY_SEARCH_CACHE",
        "2048",
        "search answers the API keeps per worker process for the current revision (0: none)",
    ),
    Setting(
        "GLOSSARY_REVISION_CHECK_MS",
        "10",
        "milliseconds between a server process's reads of the revision (other processes' writes)",
    ),
    Setting(
        "GLOSSARY_CORS_ORIGINS",
        "",
        "comma-separated origins allowed to call the API from a browser (CAT plug-ins)",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str | None:
    """The value of a declared setting (environment first, then its default)."""
    setting = _BY_NAME[name]
    value = os.environ.get(name)
    return value if value not in (None, "") else setting.default


def home() -> Path:
    """The data directory, created if needed."""
    configured = get("GLOSSARY_HOME")
    if configured:
        path = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir  # lazy: only when GLOSSARY_HOME is not set

        path = Path(user_data_dir("glossary", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def shipped_terms_path() -> Path:
    """The glossary CSV: GLOSSARY_TERMS, else data/terms.csv beside the package or installed."""
    configured = get("GLOSSARY_TERMS")
    if configured:
        return Path(configured).expanduser()
    return shipped_data_file("terms.csv")


def shipped_data_file(name: str) -> Path:
    """A file of the project's ``data/`` folder, in a checkout (editable) or an installed copy."""
    candidates = [Path(__file__).resolve().parents[1] / "data" / name]
    for prefix in {sys.prefix, sysconfig.get_paths()["data"]}:
        candidates.append(Path(prefix) / "share" / "glossary" / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]
