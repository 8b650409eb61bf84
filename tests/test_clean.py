"""Cleaning: the seed's page furniture and captions go, every real paragraph stays; PTB text reads naturally."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.ingest.clean import clean_text, detokenize, furniture_reason, is_caption, looks_ptb_tokenized

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed() -> dict:
    return json.loads((ROOT / "data" / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])


# The opening words of each of the seed's real paragraphs, in order.
SEED_PARAGRAPHS = (
    "President Vladimir Putin says Russia agrees with US proposals",
    "Putin sent tens of thousands of troops into Ukraine in 2022",
    '"We agree with the proposals to cease hostilities," Putin told',
    '"But we proceed from the fact that this cessation',
    "Russian forces have been advancing since mid-2024",
    "Trump had said in the White House on Wednesday",
    "Putin thanked Trump for his efforts to end the war.",
    '"The idea itself is correct, and we certainly support it,"',
    "Putin said he might call Trump to discuss the issue.",
    "Putin on Wednesday donned green camouflage uniform",
)
SEED_FURNITURE = (
    "Factual. Independent. Impartial.", "Support AAP with a free or paid subscription",
    "Putin backs US ceasefire plan, but details to iron out", "Russia Ukraine", "License this article",
    "Sign up to read this article for free", "Choose between a free or paid subscription to AAP News",
    "Start reading", "Already a member? Sign in here", "Top stories on AAP right now",
)


def test_seed_body_starts_with_the_first_real_sentence_and_keeps_every_paragraph(seed):
    cleaned = clean_text(seed["text"], seed["title"])
    assert cleaned.body.startswith("President Vladimir Putin says Russia agrees with US proposals for a ceasefire")
    paragraphs = cleaned.body.split("\n\n")
    assert len(paragraphs) == len(SEED_PARAGRAPHS)
    for paragraph, opening in zip(paragraphs, SEED_PARAGRAPHS):
        assert paragraph.startswith(opening)
        assert paragraph in seed["text"]  # kept verbatim
    assert cleaned.body.endswith("after a major offensive by Russian forces.")


def test_seed_furniture_and_captions_are_out_of_the_body_but_kept_aside(seed):
    cleaned = clean_text(seed["text"], seed["title"])
    for line in SEED_FURNITURE:
        assert line not in cleaned.body
    assert cleaned.removed == SEED_FURNITURE
    assert "(EPA PHOTO)" not in cleaned.body and "PHOTO" not in cleaned.body
    assert [c[:40] for c in cleaned.captions] == ["Russia President Vladimir Putin says he ",
                                                   "Russian President Vladimir Putin said he"]
    assert all(c.endswith("(EPA PHOTO)") for c in cleaned.captions)


def test_seed_is_cleaned_by_general_rules_without_its_title(seed):
    cleaned = clean_text(seed["text"])
    assert cleaned.body.startswith("President Vladimir Putin says Russia agrees")
    assert "Putin backs US ceasefire plan, but details to iron out" in cleaned.removed


@pytest.mark.parametrize("line", [
    "Soldiers walk past a destroyed building in Kharkiv. (AP Photo/Jane Doe)",
    "Zelensky speaks in Kyiv on Friday. (Photo by John Roe/Getty Images)",
    "Putin at the Kremlin. [Reuters]",
    "Rescuers at the site of a strike. Photograph: Jane Doe/Reuters",
    "Photo: EPA-EFE",
    "Leaders meet in Riyadh. Jane Doe/AFP via Getty Images",
    "Photos courtesy of the Ministry of Defence",
    "Rescuers clear rubble in Odesa on Friday. (Regional Police via AP)",
    "In this photo released by the city council, volunteers sort donations in Lviv, Friday, May 2, 2025.",
    "In this image made from drone footage, a convoy crosses a bridge near Dnipro.",
    "AP correspondent Jane Doe reports on the talks in Geneva on a prisoner exchange.",
])
def test_captions_end_with_a_photo_credit(line):
    assert is_caption(line)
    cleaned = clean_text(f"{line}\nRussia and Ukraine agreed on Tuesday to a limited ceasefire at sea.")
    assert cleaned.captions == (line,) and line not in cleaned.body


@pytest.mark.parametrize("line", [
    "KYIV, Ukraine (AP) — Russia launched a wave of drones at the capital overnight, officials said.",
    "He told Reuters the talks would resume in Istanbul next week.",
    "The photo showed soldiers near the border, the ministry said.",
    "Ukraine will sign up to the deal, Zelensky said.",
    "Where things stand on Tuesday, June 3:",
    "Nothing, for almost two days.",
    '"We back it, but the details matter."',
    "This photo of the minister went viral, and he apologised on Tuesday.",
    "In this war, photos are weapons too, the minister said.",
    "Our correspondent in Kyiv reports that the sirens sounded twice overnight.",
    "Rescuers cleared rubble in Odesa, officials said. (The strike came via the sea.)",
])
def test_real_sentences_are_kept(line):
    assert not is_caption(line) and not furniture_reason(line)
    assert clean_text(line).body == line


@pytest.mark.parametrize("line, reason", [
    ("## Rebels tie the port deal to an amnesty", "heading"),
    ("## ___", "separator"),
    ("***", "separator"),
    ("Sign up for our free daily newsletter.", "call to action"),
    ("CLICK HERE TO GET THE NEWS APP", "call to action"),
    ("The Associated Press contributed to this report.", "call to action"),
    ("Advertisement", "call to action"),
    ("Image 2 of 3 prev next", "call to action"),
    ("Accurate. Fast. Fair.", "slogan"),
    ("Russia Ukraine", "short line"),
    ("By Jane Doe", "short line"),
    ("Related coverage", "call to action"),
])
def test_furniture_rules(line, reason):
    assert furniture_reason(line).startswith(reason)
    assert clean_text(line + "\nThe talks ended on Tuesday without an agreement, officials said.").removed == (line,)


def test_repeated_title_is_removed_only_as_a_whole_line():
    text = "Talks end without a deal\nThe talks ended without a deal on Tuesday, officials said."
    cleaned = clean_text(text, title="Talks end without a deal")
    assert cleaned.removed == ("Talks end without a deal",)
    assert cleaned.body == "The talks ended without a deal on Tuesday, officials said."


def test_detokenize_penn_treebank():
    ptb = ("-LRB- CNN -RRB- -- `` There is nothing serious here , '' he said . It 's the army 's "
           "plan , they do n't say -LSB- sic -RSB- ; costs rose 5 % to $ 3 million .")
    assert looks_ptb_tokenized(ptb)
    assert detokenize(ptb) == ('(CNN) -- "There is nothing serious here," he said. It\'s the army\'s plan, '
                               "they don't say [sic]; costs rose 5% to $3 million.")


def test_a_quote_opened_with_two_apostrophes_is_still_an_opening_quote():
    assert detokenize("tune in to '' AC360 , '' weeknights .") == 'tune in to "AC360," weeknights.'


def test_natural_text_is_not_detokenized():
    natural = 'Putin said: "We agree." It\'s the army\'s plan, they said.'
    assert not looks_ptb_tokenized(natural)
    assert clean_text(natural).body == natural


def test_timeline17_articles_read_naturally_and_lose_no_words(shared):
    path = shared / "eval" / "t17" / "LibyaWar_cnn" / "articles.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines()[:40]:
        raw = json.loads(line)["text"]
        if not raw.strip():
            continue
        body = clean_text(raw).body
        assert "-LRB-" not in body and "``" not in body and "''" not in body
        assert " 's " not in body and " n't " not in body and " , " not in body and " . " not in body
        letters = re.sub(r"\W", "", re.sub(r"-[LR][RSC]B-", "", raw))
        assert re.sub(r"\W", "", body) == letters  # detokenizing moves spaces and quotes, never words


def test_shared_corpus_cleaning_never_eats_a_real_sentence(shared):
    """Only short or heading lines may be removed; captions always carry a credit."""
    for name in ("ukraine-2025.jsonl", "ukraine-2022-2024.jsonl"):
        for line in (shared / "corpus" / name).read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            cleaned = clean_text(article["text"], article.get("title"))
            assert cleaned.body.strip(), article["id"]
            for removed in cleaned.removed:
                reason = furniture_reason(removed, article.get("title"))
                long_sentence = len(removed.split()) > 15 and removed[-1] in ".!?\"”"
                assert not long_sentence or reason in ("heading", "repeated title"), (article["id"], removed)
            for caption in cleaned.captions:
                assert re.search(r"photo|image|getty|picture|/|EPA|AP|Reuters", caption, re.I), caption
    body = clean_text(json.loads((shared / "corpus" / "ukraine-2025.jsonl").read_text().splitlines()[3])["text"]).body
    header = r"^[A-Z].*\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}:$"
    assert re.search(header, body, re.M), "the roundup's dated header is kept"
    assert not re.search(r"^#+ ", body, re.M), "its markdown headings are not"
