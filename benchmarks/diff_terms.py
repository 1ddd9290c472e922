"""Compare two glossary CSVs (data/terms.csv) by concept id: ids lost, ids added, and ids whose
preferred zh / en / abbr changed.

    python benchmarks/diff_terms.py OLD.csv NEW.csv   (e.g. git show HEAD:data/terms.csv > old.csv)
"""

from __future__ import annotations

import csv
import sys

FIELDS = ("zh", "en", "abbr")


def read(path: str) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = read(argv[0]), read(argv[1])
    lost = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    changed = [i for i in sorted(set(old) & set(new)) if any(old[i][k] != new[i][k] for k in FIELDS)]
    print(
        f"old {len(old)} ids, new {len(new)} ids: "
        f"{len(lost)} lost, {len(added)} added, {len(changed)} changed"
    )
    for i in lost:
        print(f"- {i}: {' | '.join(old[i][k] for k in FIELDS)}")
    for i in added:
        print(f"+ {i}: {' | '.join(new[i][k] for k in FIELDS)}")
    for i in changed:
        diff = ", ".join(f"{k}: {old[i][k]!r} -> {new[i][k]!r}" for k in FIELDS if old[i][k] != new[i][k])
        print(f"~ {i}: {diff}")
    return 1 if lost or changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
