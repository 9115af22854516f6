"""Near copies (shingles, MinHash signatures, LSH band keys, the near-copy rule) and rewrites
(aligned sentences), on small invented texts."""
from __future__ import annotations

import re

import numpy as np
import pytest

from newsgraph.corpus import dedup

# Invented text, written for this test.
ORIGINAL = (
    "The town council of Marrowby voted on Tuesday to rebuild the old stone dam above the Kessel "
    "reservoir, ending a dispute that had divided the valley for almost three years. "
    "Engineers had warned in a report last spring that the dam's spillway was cracked and that a "
    "heavy autumn flood could overtop it within hours. "
    "The council's plan will cost 14 million crowns, shared between the town, the regional water "
    "board and a national fund for flood defences. "
    "Mayor Ingrid Halvorsen said the vote was a relief for the farmers who graze their sheep on the "
    "low meadows below the reservoir. "
    "Opponents, led by the fishing club, had argued that a new dam would flood the spawning beds of "
    "the brown trout in the upper lake. "
    "Work is due to start in April and should be finished before the first snows of next winter, "
    "according to the contractor, Brede and Sons. "
    "The club's chairman, Olav Strand, said his members would keep watching the works and would go "
    "to court if the trout beds were harmed."
)
UNRELATED = (
    "A travelling circus from the coast has set up its striped tent on the fairground at Lindholt for "
    "the first time in a decade, with acrobats, a brass band and a troupe of performing ponies. "
    "Tickets for the opening night sold out within an hour, the organisers said, and two extra "
    "matinees have been added for schoolchildren on Saturday and Sunday. "
    "The ringmaster, a former gymnast called Petra Voss, told reporters that the company had spent "
    "the summer touring fishing towns in the north and was glad to be back inland. "
    "Local shops have decorated their windows with old circus posters lent by the town museum, and "
    "the bakery is selling biscuits shaped like elephants."
)


def edited(text: str) -> str:
    return (text.replace("voted on Tuesday", "voted Tuesday").replace("almost three", "nearly three")
            .replace("Mayor Ingrid", "The mayor, Ingrid").replace("’", "'"))


def test_shingles_are_word_five_grams():
    words = "one two three four five six seven".split()
    found = dedup.shingles(" ".join(words))
    assert len(found) == len(words) - dedup.SHINGLE + 1
    assert b"one two three four five" in found
    assert dedup.shingles("Only Three words") == {b"only three words"}
    assert dedup.shingles("") == set()


def test_shingles_ignore_case_and_punctuation():
    assert dedup.shingles("The Dam, they said -- was “cracked”.") == dedup.shingles("the dam they said was cracked")


def test_signature_is_deterministic():
    a, b = dedup.signature(ORIGINAL), dedup.signature(ORIGINAL)
    assert a.hashvalues.dtype == np.uint64 and len(a.hashvalues) == dedup.NUM_PERM
    assert np.array_equal(a.hashvalues, b.hashvalues)
    assert a.n_shingles == len(dedup.shingles(ORIGINAL))


def test_signature_is_datasketchs_own_minhash_of_the_shingles():
    """Stored signatures must stay comparable with new ones: the permutations drawn once are
    those a fresh datasketch MinHash of NUM_PERM and SEED draws."""
    from datasketch import MinHash

    m = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED)
    m.update_batch(list(dedup.shingles(ORIGINAL)))
    assert np.array_equal(dedup.signature(ORIGINAL).hashvalues, m.hashvalues.astype(np.uint64))
    assert np.array_equal(dedup.signature(UNRELATED).hashvalues, dedup.signature(UNRELATED).hashvalues)


def test_given_tokens_give_what_the_text_gives():
    from newsgraph.corpus.features import content_tokens, content_words, tokens

    words = tokens(ORIGINAL)
    assert dedup.shingles(ORIGINAL, words) == dedup.shingles(ORIGINAL)
    assert np.array_equal(dedup.signature(ORIGINAL, words).hashvalues, dedup.signature(ORIGINAL).hashvalues)
    assert content_tokens(words) == content_words(ORIGINAL)


def test_band_keys_one_per_band_and_stable():
    keys = dedup.band_keys(dedup.signature(ORIGINAL))
    assert len(keys) == dedup.BANDS
    assert keys == dedup.band_keys(dedup.signature(ORIGINAL))
    assert all(isinstance(k, int) and 0 <= k < 2 ** 64 for k in keys)
    # the same band values in two bands still give different keys (the band number is mixed in)
    assert len(set(keys)) == len(keys)


def test_band_keys_shared_by_a_copy_not_by_an_unrelated_text():
    keys = dedup.band_keys(dedup.signature(ORIGINAL))
    copy = set(dedup.band_keys(dedup.signature(edited(ORIGINAL))))
    other = set(dedup.band_keys(dedup.signature(UNRELATED)))
    assert len(copy & set(keys)) >= 3
    assert not other & set(keys)


def test_identical_text_is_a_near_copy_with_score_one():
    sig = dedup.signature(ORIGINAL)
    assert dedup.near_copy_score(sig, dedup.signature(ORIGINAL)) == pytest.approx(1.0)
    assert dedup.similarity(sig, sig) == (pytest.approx(1.0), pytest.approx(1.0))


def test_lightly_edited_copy_is_a_near_copy():
    score = dedup.near_copy_score(dedup.signature(ORIGINAL), dedup.signature(edited(ORIGINAL)))
    assert score is not None and score >= dedup.NEAR_JACCARD


def test_truncated_copy_is_a_near_copy_by_containment():
    words = ORIGINAL.split()
    head = " ".join(words[:int(len(words) * 0.65)])
    a, b = dedup.signature(ORIGINAL), dedup.signature(head)
    j, c = dedup.similarity(a, b)
    assert j < 0.8 and c > j
    score = dedup.near_copy_score(a, b)
    assert score is not None
    assert dedup.near_copy_score(b, a) is not None  # either order


def test_unrelated_text_is_not_a_near_copy():
    a, b = dedup.signature(ORIGINAL), dedup.signature(UNRELATED)
    assert dedup.near_copy_score(a, b) is None
    assert dedup.similarity(a, b)[0] < 0.1


def test_short_texts_are_never_near_copies():
    short = " ".join(ORIGINAL.split()[:15])
    assert dedup.near_copy_score(dedup.signature(short), dedup.signature(short)) is None
    assert dedup.near_copy_score(dedup.signature(""), dedup.signature(ORIGINAL)) is None


# a paraphrase of ORIGINAL: the same facts, sentences reordered and reworded (invented)
PARAPHRASE = [
    "On Tuesday Marrowby's councillors approved rebuilding the old stone dam above the Kessel reservoir, "
    "settling a row that had split the valley for nearly three years.",
    "The plan costs 14 million crowns, to be shared by the town, the regional water board and a national "
    "flood defence fund.",
    "A report by engineers last spring had warned that the spillway of the dam was cracked and that a heavy "
    "autumn flood could overtop it in hours.",
    "The mayor, Ingrid Halvorsen, called the vote a relief for farmers whose sheep graze the low meadows "
    "below the reservoir.",
    "The fishing club had opposed the plan, arguing that a new dam would flood the brown trout's spawning "
    "beds in the upper lake.",
    "Olav Strand, who chairs the club, said members would watch the works closely and would go to court if "
    "the trout beds were harmed.",
]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in text.split(". ") if s.strip()]


def test_rewrite_score_finds_a_paraphrase():
    mine = dedup.sentence_set(PARAPHRASE)
    theirs = dedup.sentence_set(_sentences(ORIGINAL))
    share, hits = dedup.aligned_share(mine, theirs)
    assert hits >= dedup.REWRITE_MIN_SENTENCES
    score = dedup.rewrite_score(mine, theirs)
    assert score is not None and score >= dedup.REWRITE_ALIGNED


def test_rewrite_score_rejects_an_unrelated_article():
    mine = dedup.sentence_set(PARAPHRASE)
    assert dedup.rewrite_score(mine, dedup.sentence_set(_sentences(UNRELATED))) is None
    assert dedup.rewrite_score(mine, dedup.sentence_set([])) is None


def test_sentence_set_drops_fragments():
    s = dedup.sentence_set(["Too short.", PARAPHRASE[0]])
    assert s.texts == (PARAPHRASE[0],)
    assert s.vectors.shape[0] == 1


def test_scores_of_many_candidates_at_once_are_those_of_each_alone():
    words = ORIGINAL.split()
    texts = [ORIGINAL, edited(ORIGINAL), " ".join(words[:int(len(words) * 0.65)]), UNRELATED,
             " ".join(words[:15]), ""]
    others = [dedup.signature(t) for t in texts]
    for b in (dedup.signature(ORIGINAL), dedup.signature(edited(ORIGINAL)), dedup.signature(" ".join(words[:15]))):
        assert dedup.near_copy_scores(others, b) == [dedup.near_copy_score(a, b) for a in others]
    assert dedup.near_copy_scores([], others[0]) == []


def test_contained_share_is_the_exact_share_of_the_smaller_articles_shingles():
    sentences = _sentences(ORIGINAL)
    whole, head = dedup.own_words(" ".join(sentences)), dedup.own_words(" ".join(sentences[:4]))
    assert dedup.contained_share(head, whole) == pytest.approx(1.0)
    assert dedup.contained_share(whole, head) == pytest.approx(1.0)  # of the smaller, either way round
    half = dedup.own_words(" ".join(sentences[:4] + _sentences(UNRELATED)))
    assert 0.3 < dedup.contained_share(half, whole) < 0.7
    assert dedup.contained_share(dedup.own_words(UNRELATED), whole) == 0.0
    assert dedup.contained_share(dedup.own_words("Too short to tell anything at all here."), whole) is None


def test_own_words_leave_out_what_is_quoted():
    """Two pages built around one long quoted statement share most of their shingles, not their own words."""
    statement = ("“I have decided not to seek another term and to give all my time to the duties of the office "
                 "until the last day of my mandate. I thank every citizen who stood with me through the floods, "
                 "the strikes and the long winter, and I ask them to stand with my successor as they stood with me,” ")
    one = ("The president of Marrowby announced on Sunday that she will leave office in the spring, ending "
           "nine years in power, in a post on her official account: " + statement + "Reporters gathered outside.")
    other = ("Hours after the vote, the mayor of a coastal town read out the news to a stunned council hall. "
             + statement + "the statement went on, before the hall emptied and the councillors left for the night.")
    whole = len(dedup.shingles(one) & dedup.shingles(other)) / min(len(dedup.shingles(one)),
                                                                   len(dedup.shingles(other)))
    assert whole > 0.45
    assert dedup.contained_share(dedup.own_words(one), dedup.own_words(other)) < 0.1
    assert dedup.contained_share(dedup.own_words("A post on Sunday: " + statement), dedup.own_words(other)) is None


def test_a_kept_lead_makes_a_later_version_a_near_copy():
    """A wire story's later version keeps its lead word for word and rewrites the rest."""
    lead = ("Floodwater broke through a levee on the Tarn river early on Thursday, forcing the evacuation of "
            "four thousand people from the lowland town of Brassac, regional officials said. The breach opened "
            "a gap about thirty metres wide near the old railway bridge and flooded the eastern streets.")
    first = lead + " " + " ".join(_sentences(ORIGINAL)[:3])
    later = lead + " " + " ".join(_sentences(UNRELATED))
    own = {k: dedup.own_words_of(t, [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", t)])
           for k, t in (("first", first), ("later", later), ("other", ORIGINAL))}
    assert dedup.contained_share(own["first"].full, own["later"].full) < dedup.STORY_CONTAINMENT
    assert dedup.lead_share(own["first"], own["later"]) >= dedup.LEAD_CONTAINED
    assert dedup.lead_share(own["later"], own["other"]) < 0.1


def _spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def test_a_copy_edited_word_by_word_keeps_its_word_pairs():
    """A broadcaster's or a later version's edits change a word here and there in every sentence:
    few five-word shingles survive, most word pairs and most sentences' pairs do."""
    words = ORIGINAL.split(" ")
    copy = " ".join(w[::-1] if k % 6 == 3 and w.isalpha() else w for k, w in enumerate(words))  # a word in six
    a, b = dedup.own_words_of(ORIGINAL, _spans(ORIGINAL)), dedup.own_words_of(copy, _spans(copy))
    assert dedup.contained_share(a.full, b.full) < dedup.STORY_CONTAINMENT
    assert dedup.lead_share(a, b) < dedup.LEAD_CONTAINED
    assert dedup.pair_share(a, b) >= dedup.PAIRS_CONTAINED


def test_an_independent_report_of_the_same_event_shares_no_sentences():
    # Invented text, written for this test: the dam vote told by another outlet.
    other = ("Marrowby will rebuild the Kessel dam. The town council voted for the plan on Tuesday after three "
             "years of argument in the valley. A report by engineers last spring found the spillway of the old "
             "stone dam was cracked. The 14 million crowns will come from the town, the regional water board "
             "and a national flood fund. Farmers on the low meadows welcomed the decision, Mayor Ingrid "
             "Halvorsen said. The fishing club fears for the trout in the upper lake and may go to court. "
             "Brede and Sons will start the work in April.")
    a, b = dedup.own_words_of(ORIGINAL, _spans(ORIGINAL)), dedup.own_words_of(other, _spans(other))
    assert dedup.pair_share(a, b) is None
    short = "The council voted. The dam will be rebuilt."
    assert dedup.pair_share(dedup.own_words_of(short, _spans(short)), a) is None  # too few pairs to tell


def test_a_version_sharing_whole_paragraphs_is_found_by_its_verbatim_runs():
    """A later version of a wire story: a new lead, three paragraphs kept word for word, the rest new.
    Too few shingles shared for containment, enough words in long verbatim runs."""
    kept = _sentences(ORIGINAL)
    version = " ".join([*_sentences(UNRELATED)[:3], kept[2], kept[3], kept[4], *_sentences(UNRELATED)[3:]])
    a, b = dedup.own_words_of(ORIGINAL, _spans(ORIGINAL)), dedup.own_words_of(version, _spans(version))
    assert dedup.contained_share(a.full, b.full) < dedup.STORY_CONTAINMENT
    assert dedup.run_share(a, b) >= dedup.RUN_SHARE
    assert dedup.run_share(a, b) == dedup.run_share(b, a)


def test_an_independent_report_has_no_long_verbatim_runs():
    other = ("Marrowby will rebuild the Kessel dam. The town council voted for the plan on Tuesday after three "
             "years of argument in the valley. The 14 million crowns will come from the town, the water board "
             "and a national fund for flood defences. Work is due to start in April, the contractor said.")
    a, b = dedup.own_words_of(ORIGINAL, _spans(ORIGINAL)), dedup.own_words_of(other, _spans(other))
    assert dedup.run_share(a, b) == 0.0  # "and a national fund for flood defences": a stock phrase
    assert dedup.run_share(a, dedup.own_words_of("Too short.", [])) is None


def test_run_share_counts_each_word_once_and_the_words_between_quotes():
    words = ("the committee met again on monday evening to weigh the harbour plan and its costs before a "
             "final vote that members expect later this spring after long months of debate").split()
    assert len(words) == 30
    one = " ".join(words)
    two = " ".join(w if k != 15 else "xylophone" for k, w in enumerate(words))  # one word changed
    a, b = dedup.own_words_of(one, []), dedup.own_words_of(two, [])
    assert dedup.run_share(a, b) == pytest.approx(29 / 30)  # all but the changed word, in two runs
    # the same body with short attributions between quotations: their words count in the whole
    quoted = one + " " + " ".join(f'"Quote number {k} is here," he said.' for k in range(6))
    q = dedup.own_words_of(quoted, [])
    assert q.words == 30 + 6 * 2
    longer = dedup.own_words_of(one + " " + UNRELATED, [])
    assert dedup.run_share(q, longer) == pytest.approx(30 / 42)


def test_a_lead_reused_before_a_text_of_its_own_is_no_near_copy(monkeypatch):
    """A page that opens with another's lead and goes on at length in its own words (a brief grown
    into a column, a post quoting the lead) shares the lead and hardly anything else (LEAD_REST): no
    near copy, where a later version keeping the lead and some of the rest is one."""
    from newsgraph.corpus.links import own_share as _own_share

    lead = ("Floodwater broke through a levee on the Tarn early on Thursday, forcing four thousand people "
            "from Brassac. The breach flooded the eastern streets of the town.")
    report = lead + " " + ORIGINAL + " " + (
        "Engineers from the regional water authority spent the afternoon inspecting the embankments further "
        "downstream, where older sections of the dyke were patched with sandbags in the spring. Schools in "
        "Brassac and two neighbouring villages will stay closed until Monday, and the railway line to the "
        "coast is suspended while the bridge piers are checked for damage by divers and surveyors.")
    version = lead + " " + " ".join(_sentences(ORIGINAL)[:2]) + " " + " ".join(_sentences(UNRELATED))
    reused = lead + " " + UNRELATED + " " + (
        "Our columnist has lived in the lowlands for thirty years and remembers the winter when the river "
        "froze solid and children skated from one bank to the other. Farmers then argued for higher walls, "
        "merchants for a canal, and the town for neither, and the money went to a new market hall whose roof "
        "still leaks whenever the wind turns west and the rain comes in sideways off the hills.")
    own = {k: dedup.own_words_of(t, _spans(t)) for k, t in (("report", report), ("version", version),
                                                             ("reused", reused))}
    assert _own_share(own["report"], own["version"]) is not None
    assert dedup.lead_share(own["report"], own["reused"]) >= dedup.LEAD_CONTAINED
    assert dedup.run_share(own["report"], own["reused"]) < dedup.RUN_SHARE
    assert dedup.contained_share(own["report"].full, own["reused"].full) < dedup.LEAD_REST
    assert _own_share(own["report"], own["reused"]) is None
    monkeypatch.setattr(dedup, "LEAD_REST", 0.0)  # the lead alone would make it one
    assert _own_share(own["report"], own["reused"]) == dedup.lead_share(own["report"], own["reused"])


def test_sentences_alike_only_in_the_story_s_names_are_no_counterparts():
    """Every report of the story names Tiger Woods, the Masters and Augusta: sentences that share
    those and little else do not say the same thing (here their vectors are set half alike, where
    only shared words can make them counterparts)."""
    import numpy as np

    holding = ["Tiger Woods wins the Masters at Augusta with a Green Jacket comeback",
               "Then Tiger Woods took the Masters at Augusta for a fifth time",
               "Then Francesco Molinari and Tiger Woods went round Augusta in the final pairing"]
    own = ["Crowds at Augusta cheered Tiger Woods on the final green of the Masters",
           "Later Tiger Woods embraced his children beside the Augusta clubhouse after the Masters",
           "Later Francesco Molinari said Tiger Woods and Augusta had been unforgettable"]
    a, b = dedup.sentence_set(holding), dedup.sentence_set(own)
    unit = np.eye(3, dtype=np.float32)
    near = 0.72 * unit + np.sqrt(1 - 0.72 ** 2) * np.roll(unit, 1, axis=1)  # cosine 0.72 to the same row
    a = dedup.SentenceSet(a.texts, unit, a.words)
    b = dedup.SentenceSet(b.texts, near, b.words)
    assert dedup.aligned_share(a, b) == (0.0, 0)
    assert dedup._names("Then Tiger Woods won the Masters.") == frozenset({"tiger", "wood", "master"})
    assert dedup._names("Das Ausmaß der Zerstörung ist gigantisch, sagte Präsident Nyusi.") == frozenset()
