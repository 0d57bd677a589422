#!/usr/bin/env python3
"""What the upgrade test expects of a schema fixture (scripts/schema-fixture.sh): every table's
row count, and three records of each (first, middle and last by rowid) with all their columns,
read with Python's sqlite3, independently of Permanences' code. Prints JSON.

    schema-fixture.py FILE VERSION
"""

import json
import sqlite3
import sys


def value(v):
    # BLOBs (none expected in spot checks, but a table may hold one) as hex text.
    return {"blob": v.hex()} if isinstance(v, bytes) else v


def main() -> None:
    path, version = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name"
        )
    ]
    counts, records = {}, {}
    for t in tables:
        counts[t] = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        rowids = [r[0] for r in db.execute(f'SELECT rowid FROM "{t}" ORDER BY rowid')]
        picked = sorted({rowids[0], rowids[len(rowids) // 2], rowids[-1]}) if rowids else []
        rows = []
        for rowid in picked:
            cur = db.execute(f'SELECT * FROM "{t}" WHERE rowid = ?', (rowid,))
            names = [d[0] for d in cur.description]
            rows.append({"rowid": rowid, "columns": dict(zip(names, map(value, cur.fetchone())))})
        if rows:
            records[t] = rows
    out = {
        "version": version,
        "schema": db.execute("PRAGMA user_version").fetchone()[0],
        "counts": counts,
        "records": records,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
