"""Readers: txt, html, jsonl (file and stdin), warc; directories; named input errors."""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys

import pytest
from conftest import STORIES, story_html, story_text, write_jsonl, write_warc
from warcio.archiveiterator import ArchiveIterator

from newsgraph import InputError, RawDoc, make_article
from newsgraph.ingest import iter_inputs, list_files, read_path

MAX = 1_000_000


def read(path, max_bytes: int = MAX) -> list[RawDoc | InputError]:
    return list(read_path(str(path), max_bytes))


def only_error(items) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# --------------------------------------------------------------------------- txt and html

def test_txt_file_becomes_one_raw_doc(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(story_text("ferry"), encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDoc)
    assert (doc.source, doc.path, doc.fmt, doc.is_html) == (str(path), str(path), "txt", False)
    assert doc.content == story_text("ferry")
    assert doc.nbytes == path.stat().st_size


def test_txt_with_utf8_bom_is_decoded_without_it(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + story_text("bakery").encode())
    [doc] = read(path)
    assert doc.content == story_text("bakery")


def test_legacy_cp1252_text_is_decoded_and_flagged(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The caf\u00e9 on the quay serves cr\u00e8me br\u00fbl\u00e9e.".encode("cp1252"))
    [doc] = read(path)
    assert doc.content == "The caf\u00e9 on the quay serves cr\u00e8me br\u00fbl\u00e9e."
    assert doc.meta["flags"] == ("decoded_cp1252",)


def test_html_is_read_raw_and_extracted_by_trafilatura(tmp_path):
    path = tmp_path / "library.html"
    path.write_text(story_html("library", url="https://redwater.example/news/library-hours",
                               author="Noor Halvorsen", site="Redwater Student Post",
                               date="2024-04-22T08:00:00Z"), encoding="utf-8")
    [doc] = read(path)
    assert (doc.fmt, doc.is_html) == ("html", True)
    article = make_article(doc)
    head, paras = STORIES["library"]
    assert article.text == "\n".join(paras)
    assert article.title == head
    assert article.author == "Noor Halvorsen"
    assert article.outlet == "Redwater Student Post"
    assert article.published == "2024-04-22"
    assert article.url == "https://redwater.example/news/library-hours"
    assert article.html == path.read_text(encoding="utf-8")
    assert "Home" not in article.text and "newsroom" not in article.text


def test_html_without_a_body_is_an_input_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    [doc] = read(path)
    result = make_article(doc)
    assert isinstance(result, InputError)
    assert result.source == str(path)
    assert "no article" in result.reason


# --------------------------------------------------------------------------- refused files

def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = only_error(read(path))
    assert err.source == str(path)
    assert "binary" in err.reason


def test_control_characters_without_nul_are_refused_as_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08" * 50)
    assert "binary" in only_error(read(path)).reason


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(read(path)).reason.startswith("empty")


def test_text_without_letters_is_refused(tmp_path):
    path = tmp_path / "digits.txt"
    path.write_text("1234 5678 -- 90 %%")
    assert "no letters" in only_error(read(path)).reason


def test_invalid_utf8_garbage_is_refused_with_the_offending_byte(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"Harbour news " + bytes([0x81, 0x8D, 0x90, 0xC3, 0x28]) * 20)
    err = only_error(read(path))
    assert "not UTF-8" in err.reason
    assert "0x81" in err.reason and "offset 13" in err.reason


def test_too_large_file_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(story_text("ferry") * 20)
    err = only_error(read(path, max_bytes=1_000))
    assert err.source == str(path)
    assert "too large" in err.reason
    assert "--max-bytes" in err.reason
    # right at the limit is fine
    assert isinstance(read(path, max_bytes=path.stat().st_size)[0], RawDoc)


def test_too_large_reason_states_nonzero_size_and_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(story_text("ferry") * 20)
    err = only_error(read(path, max_bytes=1_000))
    assert not re.search(r"\b0(\.0+)? ?[kKM]?B\b", err.reason), err.reason


def test_broken_symlink_is_named(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    [err] = list(iter_inputs([str(tmp_path)], MAX))
    assert err == InputError(str(link), "cannot read: broken link or file removed")


def test_missing_path_is_named():
    [err] = list(iter_inputs(["/no/such/dir/ferry.txt"], MAX))
    assert err == InputError("/no/such/dir/ferry.txt", "no such file or directory")


def test_unsupported_file_given_explicitly_is_refused(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# notes\nThe ferry returned.")
    [err] = list(iter_inputs([str(path)], MAX))
    assert err.source == str(path)
    assert "unsupported file type" in err.reason


# --------------------------------------------------------------------------- directories

def test_directory_is_walked_recursively_sorted_skipping_unsupported(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    files = ["z.txt", "a/page.HTML", "b/deeper/feed.jsonl", "b/crawl.warc.gz", "b/m.htm"]
    for name in files:
        (tmp_path / name).write_text("x")
    for skipped in ["README.md", "b/image.png", "b/data.xlsx", "b/notes.gz"]:
        (tmp_path / skipped).write_text("x")
    listed = list(list_files([str(tmp_path)]))
    assert listed == [str(tmp_path / n) for n in
                      ["z.txt", "a/page.HTML", "b/crawl.warc.gz", "b/m.htm", "b/deeper/feed.jsonl"]]


def test_iter_inputs_reads_every_kind_in_a_directory(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ferry.txt").write_text(story_text("ferry"))
    (tmp_path / "bakery.html").write_text(story_html("bakery"))
    write_jsonl(tmp_path / "feed.jsonl", [{"id": "lib-1", "text": story_text("library")}])
    write_warc(tmp_path / "crawl.warc.gz",
               [("https://rail.example/bridge", story_html("bridge"), "text/html; charset=utf-8")])
    (tmp_path / "README.md").write_text("# About this folder")
    items = list(iter_inputs([str(tmp_path)], MAX))
    assert all(isinstance(x, RawDoc) for x in items)
    assert sorted(x.fmt for x in items) == ["html", "jsonl", "txt", "warc"]


# --------------------------------------------------------------------------- jsonl

def test_jsonl_good_lines_come_through_and_bad_lines_are_named(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "f-1", "url": "https://haldor.example/ferry", "outlet": "Haldor Post",
         "title": "Ferry back", "author": "Ida Brenna", "published": "2024-01-08", "language": "en",
         "text": story_text("ferry"), "ignored_field": 7},
        "{not valid json",
        json.dumps(["an", "array", "line"]),
        json.dumps({"id": "f-4", "title": "nothing to read"}),
        "",
        json.dumps({"id": "f-6", "text": "   ", "html": ""}),
        json.dumps({"id": "f-7", "html": story_html("bakery")}),
        json.dumps({"text": story_text("bridge")}),
        json.dumps("a bare string"),
    ])
    items = read(path)
    docs = [x for x in items if isinstance(x, RawDoc)]
    errors = {x.source: x.reason for x in items if isinstance(x, InputError)}
    assert [d.source for d in docs][:2] == ["https://haldor.example/ferry", f"{path}#f-7"]
    # a row with neither url nor id is keyed by its content, not by its line number
    assert re.fullmatch(re.escape(f"{path}#") + r"[0-9a-f]{16}", docs[2].source)
    assert set(errors) == {f"{path}:{n}" for n in (2, 3, 4, 6, 9)}
    assert errors[f"{path}:2"].startswith("malformed JSON")
    assert errors[f"{path}:3"] == "expected a JSON object, got list"
    assert "neither 'text' nor 'html'" in errors[f"{path}:4"]
    assert "neither 'text' nor 'html'" in errors[f"{path}:6"]
    assert errors[f"{path}:9"] == "expected a JSON object, got str"
    first = docs[0]
    assert first.meta == {"id": "f-1", "url": "https://haldor.example/ferry", "outlet": "Haldor Post",
                          "title": "Ferry back", "author": "Ida Brenna", "published": "2024-01-08",
                          "language": "en"}
    assert (first.fmt, first.path, first.url, first.is_html) == ("jsonl", str(path),
                                                                "https://haldor.example/ferry", False)
    assert docs[1].is_html and docs[1].content == story_html("bakery")


def test_jsonl_metadata_reaches_the_article(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "f-1", "url": "https://haldor.example/ferry", "outlet": "Haldor Post",
         "title": "Ferry back", "author": "Ida Brenna", "published": "2024-01-08",
         "text": story_text("ferry", headline=False)}])
    [doc] = read(path)
    article = make_article(doc)
    assert (article.outlet, article.title, article.author, article.published, article.url) == (
        "Haldor Post", "Ferry back", "Ida Brenna", "2024-01-08", "https://haldor.example/ferry")


def test_jsonl_line_with_invalid_utf8_is_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 on the quay"}\n' + json.dumps({"text": "The ferry ran."}).encode())
    items = read(path)
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:1"
    assert isinstance(items[1], RawDoc)


def test_jsonl_line_too_large_is_named_and_the_rest_read(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "big", "text": "tide " * 400},
                                                 {"id": "small", "text": "The tide turned."}])
    items = read(path, max_bytes=1_000)
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:1"
    assert "too large" in items[0].reason
    assert isinstance(items[1], RawDoc) and items[1].source == f"{path}#small"


def test_gzipped_jsonl_is_read(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "g", "text": story_text("seabirds")}) + "\n").encode()))
    [doc] = read(path)
    assert doc.content == story_text("seabirds")


def test_corrupt_gzipped_jsonl_is_named(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(b"definitely not gzip")
    err = only_error(read(path))
    assert err.source == str(path)
    assert err.reason.startswith("cannot read")


def test_jsonl_from_stdin(monkeypatch):
    data = (json.dumps({"text": story_text("ferry")}) + "\n\n"
            + json.dumps({"id": "s2", "text": story_text("bakery")}) + "\n{broken\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    items = list(iter_inputs(["-"], MAX))
    assert [type(x).__name__ for x in items] == ["RawDoc", "RawDoc", "InputError"]
    assert re.fullmatch(r"stdin#[0-9a-f]{16}", items[0].source)
    assert items[0].path is None
    assert items[1].source == "stdin#s2"
    assert items[2].source == "<stdin>:4"  # an error names its line


def test_empty_jsonl_file_is_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("")
    err = only_error(read(path))
    assert err.source == str(path)


# --------------------------------------------------------------------------- warc

def pages():
    return [
        ("https://rail.example/bridge", story_html("bridge"), "text/html; charset=utf-8"),
        ("https://rail.example/logo.png", "PNG-DATA", "image/png"),
        ("https://birds.example/puffins", story_html("seabirds"), "text/html"),
    ]


def record_offsets(path) -> list[tuple[int, int]]:
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        out = []
        for rec in it:
            rec.content_stream().read()
            out.append((it.get_record_offset(), it.get_record_length()))
        return out


def test_warc_html_responses_become_docs(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", pages())
    docs = read(path)
    assert [d.source for d in docs] == ["https://rail.example/bridge", "https://birds.example/puffins"]
    for d in docs:
        assert (d.fmt, d.path, d.is_html, d.url) == ("warc", str(path), True, d.source)
    article = make_article(docs[1])
    assert article.text == "\n".join(STORIES["seabirds"][1])
    assert article.outlet == "birds.example"


def test_uncompressed_warc_is_read(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", pages(), gzip=False)
    assert len([d for d in read(path) if isinstance(d, RawDoc)]) == 2


def test_warc_without_html_is_named(tmp_path):
    path = write_warc(tmp_path / "images.warc.gz", [("https://rail.example/a.png", "PNG", "image/png")])
    assert only_error(read(path)).reason == "no HTML response records in this WARC"


def test_warc_record_too_large_is_named_and_others_read(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://rail.example/bridge", story_html("bridge") + "<!-- " + "x" * 3000 + " -->", "text/html"),
        ("https://birds.example/puffins", story_html("seabirds"), "text/html")])
    items = read(path, max_bytes=2_500)
    assert isinstance(items[0], InputError) and items[0].source == "https://rail.example/bridge"
    assert "too large" in items[0].reason
    assert isinstance(items[1], RawDoc)


def test_truncated_warc_keeps_earlier_records_and_names_the_file(tmp_path):
    full = write_warc(tmp_path / "full.warc.gz", pages())
    data = full.read_bytes()
    last_start, last_len = record_offsets(full)[-1]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:last_start + int(last_len * 0.85)])
    items = read(cut)
    assert isinstance(items[0], RawDoc) and items[0].source == "https://rail.example/bridge"
    err = items[-1]
    assert isinstance(err, InputError) and len(items) == 2
    assert err.source == str(cut)
    assert "truncated" in err.reason


def cut_reads(tmp_path, sizes):
    """(size, items or the exception raised) for the full test WARC cut to each size."""
    full = write_warc(tmp_path / "full.warc.gz", pages())
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    for size in sizes(data, full):
        cut.write_bytes(data[:size])
        try:
            yield size, read(cut)
        except Exception as exc:  # noqa: BLE001 - an escaping exception is what is checked
            yield size, exc


def test_warc_cut_anywhere_never_raises(tmp_path):
    raised = [(size, repr(out)) for size, out in
              cut_reads(tmp_path, lambda data, _: range(1, len(data)))
              if isinstance(out, Exception)]
    assert not raised, raised[:3]


def test_warc_cut_inside_last_record_is_always_named(tmp_path):
    def sizes(data, full):
        start, length = record_offsets(full)[-1]
        return range(start + 1, start + length - 20)
    silent = [size for size, out in cut_reads(tmp_path, sizes)
              if not isinstance(out, Exception)
              and not any(isinstance(x, InputError) and "truncated" in x.reason for x in out)]
    assert not silent, f"{len(silent)} cut points give no error, e.g. {silent[:3]}"


@pytest.mark.parametrize("junk", [b"plain words pretending to be an archive\n" * 3,
                                  b"\x1f\x8b\x08\x00garbage"])
def test_non_gzip_warc_gz_is_named_as_corrupt(tmp_path, junk):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(junk)
    err = only_error(read(path))
    assert err.source == str(path)
    assert re.search(r"corrupt|not a (gzip|WARC)|invalid", err.reason, re.IGNORECASE), err.reason


def test_non_warc_binary_in_warc_gz_is_named_as_corrupt(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"GIF89a\x01\x00\x01\x00" + bytes(range(256)))
    err = only_error(read(path))
    assert err.source == str(path)
    assert re.search(r"corrupt|not a (gzip|WARC)", err.reason, re.IGNORECASE), err.reason


def test_iter_inputs_names_each_bad_file_once_and_reads_the_good(tmp_path):
    (tmp_path / "good.txt").write_text(story_text("ferry"))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 40)
    os.symlink(tmp_path / "missing.txt", tmp_path / "link.txt")
    items = list(iter_inputs([str(tmp_path)], MAX))
    errors = [x.source for x in items if isinstance(x, InputError)]
    assert sorted(errors) == sorted(str(tmp_path / n) for n in ("empty.txt", "bin.txt", "link.txt"))
    assert [x.source for x in items if isinstance(x, RawDoc)] == [str(tmp_path / "good.txt")]


def test_jsonl_fields_under_other_tools_names_are_read(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        # news-please
        {"maintext": story_text("ferry"), "url": "https://haldor.example/ferry", "source_domain": "haldor.example",
         "authors": ["Ida Brenna", "Ola Vik"], "date_publish": "2024-01-08 10:00:00", "headline": "Ferry back"},
        # NewsAPI: the source is an object, a string source is not an outlet
        {"content": story_text("bakery"), "link": "https://b.example/bakery", "source": {"id": None, "name": "B News"},
         "publishedAt": "2024-02-01T08:00:00Z"},
        {"body": story_text("bridge"), "source": "/data/feeds/x.xml", "doc_id": "b-3", "text": "  "},
    ])
    docs = read(path)
    assert [d.meta for d in docs] == [
        {"url": "https://haldor.example/ferry", "outlet": "haldor.example", "title": "Ferry back",
         "author": "Ida Brenna, Ola Vik", "published": "2024-01-08 10:00:00"},
        {"url": "https://b.example/bakery", "outlet": "B News", "published": "2024-02-01T08:00:00Z"},
        {"id": "b-3"}]
    assert [d.content for d in docs] == [story_text("ferry"), story_text("bakery"), story_text("bridge")]
    assert make_article(docs[0]).published == "2024-01-08"


def test_an_undated_article_takes_the_date_its_address_spells_out(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"url": "https://haldor.example/news/2024/03/05/ferry-back", "text": story_text("ferry")},
        {"url": "https://haldor.example/news/2024/03/05/bakery", "published": "2024-03-07",
         "text": story_text("bakery")},
        {"url": "https://haldor.example/news/2024/02/30/bridge", "text": story_text("bridge")},
        {"url": "https://haldor.example/news/story?day=2024-03-05", "text": story_text("ferry", headline=False)},
    ])
    first, second, third, fourth = (make_article(d) for d in read(path))
    assert fourth.published is None  # a date in the query is no publication date
    assert (first.published, "date_from_url" in first.flags, "no_date" in first.flags) == ("2024-03-05", True, False)
    assert (second.published, "date_from_url" in second.flags) == ("2024-03-07", False)  # a stated date wins
    assert third.published is None and "no_date" in third.flags  # not a date


def test_a_jsonl_line_nested_too_deeply_and_a_broken_gzip_are_named(tmp_path):
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": story_text("ferry")}) + "\n",
                    encoding="utf-8")
    items = read(deep)
    assert items[0].source == f"{deep}:1" and items[0].reason == "malformed JSON: nested too deeply"
    assert items[1].content == story_text("ferry")
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(gzip.compress(json.dumps({"text": "x"}).encode())[:-12] + b"\x00" * 12)
    [err] = read(fake)
    assert err.source == str(fake) and err.reason.startswith("cannot read")


@pytest.mark.parametrize("content, meta, published, title", [
    ("date 2017-10-01 Gunman kills four at Lindholt festival\n", {}, "2017-10-01",
     "Gunman kills four at Lindholt festival"),  # the rest of the line is the headline
    ("Published: 2017-10-01 09:30\n", {}, "2017-10-01", None),
    ("date 2017-10-01 Gunman kills four at Lindholt festival\n",
     {"published": "2017-10-03", "title": "date 2017-10-01 Gunman kills four at Lindholt festival"},
     "2017-10-03", "Gunman kills four at Lindholt festival"),  # the record's own date comes first
    ("date 2017-10\n", {}, None, None),  # a month is no publication date
])
def test_a_leading_date_stamp_dates_the_page_and_leaves_its_text(content, meta, published, title):
    body = ("A gunman opened fire on a crowd at the Lindholt harbour festival on Sunday night, killing four "
            "people, police said. The attacker was arrested at the scene, according to officials.")
    a = make_article(RawDoc(source="x.jsonl", fmt="jsonl", content=content + body, meta=meta))
    assert a.published == published
    assert a.title == title
    assert a.text == body
