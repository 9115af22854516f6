"""Run one SQL query over a store, read-only, in a process of its own (`browse.sql_rows` starts it):
a query that takes too long is stopped by killing the process, and one that brings DuckDB down
takes only this process with it. Nothing outside the store is read or written: no file access,
no spill folder, a memory cap, and the configuration locked before the query runs.

    python sql_child.py DB ROWS MEMORY < query   ->   JSON {"columns", "rows", "truncated"} or {"error"}

Run by its path, so that it imports DuckDB alone, not newsgraph.
"""
import datetime as dt
import decimal
import json
import sys
import uuid


def _plain(value):
    """A JSON-ready form of a DuckDB value."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, dt.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def main() -> None:
    import duckdb

    db, limit, memory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    query = sys.stdin.read()
    try:
        con = duckdb.connect(db, read_only=True, config={
            "enable_external_access": False, "temp_directory": "", "memory_limit": memory,
            "threads": 1, "lock_configuration": True})
        cur = con.execute(query)
        if cur.description is None:
            out = {"columns": [], "rows": [], "truncated": False}
        else:
            rows = cur.fetchmany(limit + 1)
            out = {"columns": [d[0] for d in cur.description], "rows": _plain(rows[:limit]),
                   "truncated": len(rows) > limit}
    except duckdb.IOException as exc:  # the store held by a writer, or not there
        out = {"busy": f"cannot read the store: {exc}"}
    except duckdb.Error as exc:
        out = {"error": f"query failed: {exc}"}
    sys.stdout.write(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
