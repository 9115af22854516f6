#!/usr/bin/env python3
"""Write exactly 20 bad input files for ingestion robustness tests.

Standard library only, deterministic (fixed seed): the same OUTDIR contents on
every run (the big files are streamed to disk in chunks, never held in memory).

    python scripts/make_bad_inputs.py OUTDIR [--big-mb 50]

OUTDIR/MANIFEST.tsv has a header line and then one line per bad file with the
tab-separated columns: file, kind, expected, description.
``expected`` is one of:
    refused             nothing from the file should be ingested (an error is named);
    decoded-or-refused  legacy cp1252 prose: decoding it or refusing it are both fine;
    partial             JSONL with good and malformed lines: the good lines (count in
                        the kind column, "good=N") are ingested, the others refused.
MANIFEST.tsv itself is not one of the 20 files.
"""
from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import struct
import sys
import zlib

SEED = 20251112
MIB = 1024 * 1024

PROSE = [
    "The regional council met on Thursday to discuss the new water-sharing plan for the valley.",
    "Officials said the agreement would take effect at the start of next year if approved.",
    "Farmers in the lowland districts have complained for months about falling river levels.",
    "The minister told reporters that the government was ready to compromise on the details.",
    "Opposition lawmakers said the plan was rushed and called for a public consultation.",
    "Engineers estimate that the new reservoir could supply about forty thousand households.",
    "Talks between the two provinces are expected to resume after the holiday weekend.",
    "A spokesperson for the water authority declined to comment on the cost of the project.",
]


def gz(data: bytes) -> bytes:
    """One deterministic gzip member."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def uuid_like(rng: random.Random) -> str:
    h = rng.randbytes(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def warc_record(rng: random.Random, wtype: str, block: bytes, headers: dict[str, str]) -> bytes:
    lines = ["WARC/1.0", f"WARC-Type: {wtype}", f"WARC-Record-ID: <urn:uuid:{uuid_like(rng)}>",
             "WARC-Date: 2025-11-12T08:30:00Z"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(block)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def warcinfo(rng: random.Random, filename: str, extra: str = "") -> bytes:
    fields = (f"software: make_bad_inputs.py\r\nformat: WARC File Format 1.0\r\n"
              f"conformsTo: http://iipc.github.io/warc-specifications/specifications/"
              f"warc-format/warc-1.0/\r\n{extra}").encode()
    return warc_record(rng, "warcinfo", fields, {"WARC-Filename": filename,
                                                  "Content-Type": "application/warc-fields"})


def http_response_record(rng: random.Random, uri: str, title: str, paras: list[str]) -> bytes:
    body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paras)
            + "</article></body></html>").encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n".encode("ascii")
            + b"Date: Wed, 12 Nov 2025 08:30:00 GMT\r\n\r\n" + body)
    return warc_record(rng, "response", http, {
        "WARC-Target-URI": uri, "WARC-IP-Address": "192.0.2.10",
        "Content-Type": "application/http; msgtype=response"})


def png_bytes(width: int = 32, height: int = 32) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"".join(bytes(((x * 8) & 255, (y * 8) & 255, ((x + y) * 4) & 255))
                                        for x in range(width)) for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def article_row(i: int, rng: random.Random) -> dict:
    paras = []
    for _ in range(4):
        paras.append(" ".join(rng.sample(PROSE, 4)))
    return {"id": f"good-{i}", "url": f"https://valley-courier.example/2025/11/water-plan-{i}",
            "outlet": "Valley Courier", "title": f"Council debates water plan, part {i}",
            "author": "Ines Varga", "published": "2025-11-12", "language": "en",
            "text": "\n\n".join(paras)}


# --------------------------------------------------------------------------- #

def write_all(out: str, big_mb: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(SEED)
    manifest: list[tuple[str, str, str, str]] = []

    def put(name: str, data: bytes, kind: str, desc: str, expected: str = "refused") -> None:
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)
        manifest.append((name, kind, expected, desc))

    # 1 binary garbage with NULs
    garbage = bytearray(rng.randbytes(64 * 1024))
    for k in range(0, len(garbage), 37):
        garbage[k] = 0
    put("binary_garbage.txt", bytes(garbage), "binary-garbage",
        "64 KiB of random bytes with a NUL every 37 bytes, named .txt")

    # 2 PNG saved as .html
    put("image_as_page.html", png_bytes(), "png-as-html",
        "a valid 32x32 PNG image (starts with \\x89PNG) saved with an .html extension")

    # 3 empty .txt
    put("empty.txt", b"", "empty-txt", "zero-byte .txt file")

    # 4 whitespace only
    ws = (" \t \n\n   \r\n\t\t\n" * 40 + "\u00a0 \u2003 \u3000\n" * 5).encode("utf-8")
    put("whitespace_only.txt", ws, "whitespace-only",
        "only spaces, tabs, CR/LF and Unicode spaces (NBSP, EM SPACE, IDEOGRAPHIC SPACE)")

    # 5 truncated gzip WARC: warcinfo + 2 response records, cut inside the first response
    members = [gz(warcinfo(rng, "truncated.warc.gz"))]
    for j in range(2):
        members.append(gz(http_response_record(
            rng, f"https://valley-courier.example/2025/11/story-{j + 1}",
            f"Council debates water plan {j + 1}", [" ".join(rng.sample(PROSE, 5))
                                                   for _ in range(4)])))
    cut = len(members[0]) + len(members[1]) // 2
    put("truncated.warc.gz", b"".join(members)[:cut], "warc-truncated",
        f"valid gzip WARC (warcinfo + 2 response records, each its own gzip member) "
        f"truncated to {cut} bytes, in the middle of the first response record")

    # 6 .gz that is not gzip
    fake = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + rng.randbytes(2048)
    put("not_gzip.warc.gz", fake, "gz-not-gzip",
        "named .warc.gz but holds a ZIP-like header plus random bytes (no gzip magic 1f 8b)")

    # 7 undecodable garbage text (fails UTF-8 and cp1252; latin-1 gives noise)
    pieces = [b"\xc3\x28"]  # invalid 2-byte UTF-8 start
    high = bytes(range(0x80, 0x100))
    for _ in range(3000):
        r = rng.random()
        if r < 0.25:
            pieces.append(b"\xff\xfe")
        elif r < 0.35:
            pieces.append(bytes([rng.choice(b"\x81\x8d\x8f\x90\x9d")]))  # undefined in cp1252
        elif r < 0.45:
            pieces.append(bytes(rng.choice(b"etaoinsr ") for _ in range(rng.randint(1, 3))))
        else:
            pieces.append(bytes(rng.choice(high) for _ in range(rng.randint(1, 4))))
    put("undecodable.txt", b"".join(pieces), "invalid-utf8-garbage",
        "bytes that are neither UTF-8 nor cp1252 (0xFF 0xFE runs, cp1252-undefined bytes "
        "0x81/0x8D/0x8F/0x90/0x9D, random high bytes); latin-1 decodes it only to noise")

    # 8 legacy cp1252 prose
    cp_text = (
        "The caf\u00e9 on Harbour Street reopened on Monday \u2014 three months after the "
        "floods \u2014 and its owner, Ren\u00e9e Dubois, said the repairs had cost "
        "\u20ac48,000.\r\n\r\n"
        "\u201cWe thought we would never open again,\u201d she said. \u201cThe whole "
        "neighbourhood helped, and that\u2019s the only reason we\u2019re here.\u201d\r\n\r\n"
        "The town council has promised a na\u00efve-sounding but popular plan: new flood "
        "barriers along the river, paid for by a small levy on tourist stays \u2026 if the "
        "regional government agrees.\r\n\r\n"
        "Residents said the levy, about \u00a32 a night, was a fair price. \u201cIt\u2019s "
        "cheaper than another winter like this one,\u201d said Jos\u00e9 Pe\u00f1a, who runs "
        "the bakery next door.\r\n"
    )
    put("legacy_cp1252.txt", cp_text.encode("cp1252"), "cp1252-prose",
        "readable English prose encoded as Windows-1252 (curly quotes 0x93/0x94, dashes "
        "0x97, euro 0x80, accented letters); not valid UTF-8", "decoded-or-refused")

    # 9 JSONL, every line malformed
    bad_lines = [
        '{"id": "m1", "text": "The council met on Thursday to discuss',
        "{id: 'm2', text: 'single quotes and bare keys are not JSON'}",
        '{"id": "m3", "text": "trailing comma",}',
        "this line is not JSON at all",
        '{"id": "m4" "text": "missing comma between members"}',
        '{"id": "m5", "text": "unbalanced"}}',
        '{"id": "m6", "text": "bad escape \\q in string"}',
    ]
    put("all_malformed.jsonl", ("\n".join(bad_lines) + "\n").encode("utf-8"),
        "jsonl-all-malformed", f"{len(bad_lines)} lines, each one invalid JSON")

    # 10 JSONL mixed good and malformed lines
    good = [json.dumps(article_row(i, rng), ensure_ascii=False) for i in (1, 2, 3)]
    mixed = [good[0], bad_lines[0], good[1], bad_lines[3], bad_lines[2], good[2],
             '{"id": "m7", "text": ']
    put("mixed.jsonl", ("\n".join(mixed) + "\n").encode("utf-8"), "jsonl-mixed good=3",
        "7 lines: 3 valid article objects (lines 1, 3, 6) and 4 malformed lines; "
        "the good lines are ingested, the malformed ones refused", "partial")

    # 11 JSONL lines with neither text nor html
    rows = []
    for i in range(3):
        r = article_row(10 + i, rng)
        del r["text"]
        rows.append(json.dumps(r, ensure_ascii=False))
    rows.append(json.dumps({"id": "nt-4", "title": "Empty fields", "text": "", "html": "   "}))
    put("no_text_fields.jsonl", ("\n".join(rows) + "\n").encode("utf-8"),
        "jsonl-missing-text-and-html",
        "4 valid JSON objects with metadata (id, url, title, ...) but no 'text' or 'html' "
        "key, or only empty/blank ones")

    # 12 JSONL lines that are not objects
    arr = json.dumps([article_row(20, rng), article_row(21, rng)], ensure_ascii=False)
    put("array_line.jsonl", (arr + "\n" + '"just a string"\n42\nnull\n').encode("utf-8"),
        "jsonl-non-object-lines",
        "line 1 is a JSON array wrapping two article objects; lines 2-4 are a string, a "
        "number and null; no line is a JSON object")

    # 13 HTML with no body text
    nav_only = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title></title>\n"
        "<script>window.dataLayer=window.dataLayer||[];var story='The council met on "
        "Thursday to discuss the new water-sharing plan for the valley and officials said "
        "the agreement would take effect next year.';</script>\n"
        "<style>body{font-family:sans-serif}.nav a{margin:0 4px}</style></head>\n"
        "<body><nav class=\"nav\"><a href=\"/\">Home</a><a href=\"/world/\">World</a>"
        "<a href=\"/politics/\">Politics</a><a href=\"/business/\">Business</a>"
        "<a href=\"/sport/\">Sport</a><a href=\"/login/\">Log in</a></nav>\n"
        "<div id=\"app\"></div>\n<noscript></noscript>\n"
        "<script src=\"/static/bundle.js\"></script>\n"
        "<script>document.getElementById('app').innerHTML='';</script>\n</body></html>\n"
    )
    put("nav_script_only.html", nav_only.encode("utf-8"), "html-no-body-text",
        "HTML page with an empty <title>, a nav menu, styles and scripts (one script holds "
        "prose in a JS string) but no visible article text")

    # 14 bare html
    put("bare.html", b"<html></html>", "html-empty-document", "the 13 bytes <html></html>")

    # 15 big text file, streamed
    lines = []
    for i in range(4000):
        lines.append(f"{PROSE[i % len(PROSE)]} (paragraph {i % 97})\n")
    chunk = "".join(lines).encode("utf-8")
    total = big_mb * MIB
    with open(os.path.join(out, "big.txt"), "wb") as fh:
        left = total
        while left > 0:
            piece = chunk if left >= len(chunk) else chunk[:left]
            fh.write(piece)
            left -= len(piece)
    manifest.append(("big.txt", f"oversize-text mb={big_mb}", "refused",
                     (f"{total} bytes ({big_mb} MiB) of repeated prose lines; over any "
                     f"sensible per-document size limit")))

    # 16 WARC with only warcinfo records
    info = gz(warcinfo(rng, "warcinfo_only.warc.gz")) + gz(warcinfo(
        rng, "warcinfo_only.warc.gz", "description: crawl aborted before any fetch\r\n"))
    put("warcinfo_only.warc.gz", info, "warc-no-response-records",
        "valid gzip WARC/1.0 with two warcinfo records and no response records")

    # 17 5 MiB single line, no newline
    with open(os.path.join(out, "long_line.txt"), "wb") as fh:
        for _ in range(5):
            fh.write(base64.b64encode(rng.randbytes(3 * MIB // 4)))  # 1 MiB of base64
    manifest.append(("long_line.txt", "long-single-line", "refused",
                     (f"{5 * MIB} bytes of base64 on one line with no newline and no spaces "
                     f"(an inlined blob, not prose)")))

    # 18 punctuation and symbols only
    sym = "!?.,;:-_()[]{}<>/\\|@#$%^&*+=~`'\"…—–•§¶©®™°±×÷«»¿¡"
    sym_lines = ["".join(rng.choice(sym) for _ in range(rng.randint(20, 70)))
                 for _ in range(60)]
    sym_lines += ["* * *", "---", "###", "...", "!!!"]
    put("symbols_only.txt", ("\n".join(sym_lines) + "\n").encode("utf-8"), "punctuation-only",
        "65 lines of punctuation and symbols only (ASCII and Unicode), no letters or digits")

    # 19 broken symlink
    link = os.path.join(out, "bad.txt")
    if os.path.islink(link) or os.path.exists(link):
        os.remove(link)
    os.symlink("nowhere/does-not-exist.txt", link)
    manifest.append(("bad.txt", "broken-symlink", "refused",
                     "symbolic link to nowhere/does-not-exist.txt, which does not exist"))

    # 20 JSONL whose single line is 20 MiB (valid JSON object)
    target = 20 * MIB
    para = " ".join(PROSE) + "\\n\\n"  # JSON-escaped paragraph break, no quotes/backslashes
    head = (b'{"id": "huge-1", "url": "https://valley-courier.example/2025/11/huge", '
            b'"outlet": "Valley Courier", "title": "One enormous article", '
            b'"published": "2025-11-12", "language": "en", "text": "')
    tail = b'"}\n'
    block = (para * 1000).encode("utf-8")
    with open(os.path.join(out, "huge_line.jsonl"), "wb") as fh:
        fh.write(head)
        left = target - len(head) - len(tail)
        while left > 0:
            piece = block if left >= len(block) else block[:left]
            if piece is not block:  # never end on half of a "\\n" escape
                while piece.endswith(b"\\"):
                    piece = piece[:-1] + b" "
            fh.write(piece)
            left -= len(piece)
        fh.write(tail)
    manifest.append(("huge_line.jsonl", "jsonl-huge-line", "refused",
                     (f"one line of {target} bytes (20 MiB incl. newline): a valid JSON article "
                     f"object whose text is ~20 MiB of repeated prose; over the per-article "
                     f"size limit")))
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write 20 bad input files and a MANIFEST.tsv.")
    ap.add_argument("outdir")
    ap.add_argument("--big-mb", type=int, default=50,
                    help="size of big.txt in MiB (default 50)")
    args = ap.parse_args(argv)
    if args.big_mb < 1:
        ap.error("--big-mb must be at least 1")
    os.makedirs(args.outdir, exist_ok=True)
    manifest = write_all(args.outdir, args.big_mb)
    assert len(manifest) == 20, len(manifest)
    with open(os.path.join(args.outdir, "MANIFEST.tsv"), "w", encoding="utf-8",
              newline="\n") as fh:
        fh.write("file\tkind\texpected\tdescription\n")
        fh.writelines("\t".join(x.replace("\t", " ").replace("\n", " ") for x in row) + "\n" for row in manifest)
    print(f"make_bad_inputs: wrote {len(manifest)} files and MANIFEST.tsv to {args.outdir}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
