"""``import glossary.search`` stays light: the find path must start fast."""

from __future__ import annotations

import subprocess
import sys


def test_search_import_pulls_no_heavy_modules():
    code = (
        "import sys, glossary.search; "
        "heavy = ('flask', 'alembic', 'jieba', 'sqlalchemy', 'opencc', 'pypinyin', 'rapidfuzz'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_lookup_entry_point_imports_no_orm_web_or_miner():
    code = (
        "import sys, glossary.search, glossary.service, console.cards; "
        "heavy = ('flask', 'alembic', 'sqlalchemy', 'glossary.mine', 'glossary.store', 'rich', 'openpyxl'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
