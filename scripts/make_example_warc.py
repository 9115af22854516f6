"""Build the bundled example WARC (examples/warc/crawl.warc.gz).

Reads every scripts/example_warc_src/*.html page (sorted by file name) and writes a
gzip-compressed WARC containing one 'warcinfo' record followed by one HTTP
'response' record per page. The target URI of each page is taken from its
<link rel="canonical"> element.

The output is deterministic: WARC-Date values and WARC-Record-IDs are fixed
(record ids are UUIDv5 values derived from the target URI), so re-running the
script produces a byte-identical file.

Usage:
    .venv/bin/python scripts/make_example_warc.py [--src DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "scripts" / "example_warc_src"
DEFAULT_OUT = ROOT / "examples" / "warc" / "crawl.warc.gz"

# Fixed crawl time; record i gets CRAWL_DATE + i seconds.
CRAWL_DAY = "2025-11-19"
CRAWL_HOUR = "08:00"
ID_NAMESPACE = uuid.UUID("5f1d3c2a-9b7e-4c41-8a53-2e0b6a9d7c10")

CANONICAL_RE = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.IGNORECASE)


def warc_date(index: int) -> str:
    return f"{CRAWL_DAY}T{CRAWL_HOUR}:{index:02d}Z"


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, key)}>"


def target_uri(html: str, path: Path) -> str:
    match = CANONICAL_RE.search(html)
    if match:
        return match.group(1)
    return f"https://example.org/newsgraph-examples/{path.name}"


def build(src: Path, out: Path) -> list[str]:
    pages = sorted(src.glob("*.html"))
    if not pages:
        raise SystemExit(f"no *.html files in {src}")
    out.parent.mkdir(parents=True, exist_ok=True)
    uris: list[str] = []
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = (
            b"software: newsgraph scripts/make_example_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Invented example news pages for newsgraph. "
            b"All text is original and fictional.\r\n"
            b"isPartOf: newsgraph-examples\r\n"
        )
        warcinfo = writer.create_warc_record(
            "",
            "warcinfo",
            payload=BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo:" + out.name),
                "WARC-Date": warc_date(0),
                "WARC-Filename": out.name,
            },
        )
        writer.write_record(warcinfo)

        for i, page in enumerate(pages, start=1):
            html = page.read_text(encoding="utf-8")
            body = html.encode("utf-8")
            uri = target_uri(html, page)
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id(uri),
                    "WARC-Date": warc_date(i),
                },
            )
            writer.write_record(record)
            uris.append(uri)
    return uris


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    uris = build(args.src, args.out)
    print(f"wrote {args.out} with {len(uris)} response record(s):")
    for uri in uris:
        print(f"  {uri}")


if __name__ == "__main__":
    main()
