"""Cross-article clustering: hand-built events (what must merge, what must not, date reconciliation),
then the seed and the ukraine-2025 corpus through the real extraction."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from store_fixtures import article, event

from timeline.store.dedup import TYPE_FAMILY, cluster
from timeline.extract.ontology import EVENT_TYPES

AAP = article("aap", source="AAP", published=date(2025, 3, 13))
BBC = article("bbc", source="BBC News", published=date(2025, 3, 14))
AJ = article("aj", source="Al Jazeera", published=date(2025, 3, 15))
LATER = article("later", source="AP News", published=date(2025, 3, 28))
TASS = article("tass", source="TASS", published=date(2025, 3, 14))


def putin_answer():
    return [
        event(AAP, "Putin said he supported the US proposal for a ceasefire, but with conditions.", basis="tense"),
        event(BBC, "On Thursday Putin said he backed the ceasefire proposal in principle.",
              start=date(2025, 3, 13), basis="relative", date_text="Thursday"),
        event(AJ, "Putin said on Thursday that he supports the ceasefire proposal, with conditions.",
              start=date(2025, 3, 13), basis="relative", date_text="on Thursday", trigger="support"),
    ]


def groups(events):
    table = cluster(events)
    by_id = dict(zip(table["event_id"], table["cluster_id"]))
    return table, [by_id[e.event_id] for e in events]


def test_every_event_type_has_a_family():
    assert set(EVENT_TYPES) <= set(TYPE_FAMILY)


def test_three_reports_of_one_answer_are_one_cluster_dated_by_the_explicit_reports():
    events = putin_answer()
    table, ids = groups(events)
    assert len(set(ids)) == 1
    assert table["n_sources"].tolist() == [3, 3, 3] and table["cluster_size"].tolist() == [3, 3, 3]
    assert table["sources"].iloc[0] == "AAP; Al Jazeera; BBC News"
    rep = table[table["representative"]]
    assert len(rep) == 1 and rep.iloc[0]["event_id"] != events[0].event_id, "the tense-dated one is no representative"
    aap = table.set_index("event_id").loc[events[0].event_id]
    assert aap["date_from"] == rep.iloc[0]["event_id"]
    assert table.set_index("event_id").loc[events[1].event_id, "date_from"] == "", "explicit dates stay their own"


def test_a_date_taken_from_the_article_is_a_date_to_cluster_on():
    # Issue 12: "context" dates (the day the article gives the same happening elsewhere) were read as no date.
    events = putin_answer()
    events[0] = replace(events[0], date_start=date(2025, 3, 13), date_end=date(2025, 3, 13), date_basis="context")
    table, ids = groups(events)
    assert len(set(ids)) == 1
    rep = table[table["representative"]].iloc[0]["event_id"]
    assert rep != events[0].event_id, "a borrowed date ranks below the reports' own"
    # and it keeps apart what its date keeps apart
    other = replace(events[0], date_start=date(2025, 3, 3), date_end=date(2025, 3, 3))
    _, ids = groups([other] + events[1:])
    assert ids[0] != ids[1]


def test_cluster_ids_do_not_depend_on_input_order():
    events = putin_answer() + [event(LATER, "Putin rejected the energy truce.", event_type="REJECT",
                                     trigger="reject", start=date(2025, 3, 27))]
    first = cluster(events).set_index("event_id")["cluster_id"]
    shuffled = events[:]
    random.Random(3).shuffle(shuffled)
    assert cluster(shuffled).set_index("event_id")["cluster_id"].to_dict() == first.to_dict()


def test_must_not_merge_pairs():
    base = event(BBC, "Putin said he backed the ceasefire proposal in principle.", start=date(2025, 3, 13),
                 actor2="Q30", actor2_name="United States")
    others = {
        "another actor": event(AJ, "Zelensky said he backed the ceasefire proposal in principle.",
                               actor1="Q3874799", actor1_name="Volodymyr Zelensky", start=date(2025, 3, 13)),
        "another target": event(AJ, "Putin said he backed the ceasefire proposal in principle.",
                                actor2="Q212", actor2_name="Ukraine", start=date(2025, 3, 13), offset=5),
        "opposite type": event(AJ, "Putin said he rejected the ceasefire proposal in principle.",
                               event_type="REJECT", trigger="reject", start=date(2025, 3, 13)),
        "another day": event(AJ, "Putin said he backed the ceasefire proposal in principle.",
                             start=date(2025, 2, 20), offset=9),
        "unrelated words": event(AJ, "Putin backed new pension rules for retired miners in Siberia.",
                                 start=date(2025, 3, 13), offset=11),
        "tense-dated two weeks later": event(LATER, "Putin has backed the ceasefire proposal in principle.",
                                             basis="tense"),
        "denied": replace(event(AJ, "Putin said he backed the ceasefire proposal in principle.",
                                start=date(2025, 3, 13), actor2="Q30", actor2_name="United States", offset=13),
                          context="negated"),
    }
    for label, other in others.items():
        _, ids = groups([base, other])
        assert ids[0] != ids[1], label


def test_month_and_year_dates_are_compatible_with_days_inside_them_only():
    day = event(BBC, "Russia attacked the energy grid of Odesa with drones.", actor1="Q159", actor1_name="Russia",
                event_type="ASSAULT", trigger="attack", start=date(2025, 3, 13))
    month = event(AJ, "Russia attacked the Odesa energy grid with drones in March.", actor1="Q159",
                  actor1_name="Russia", event_type="ASSAULT", trigger="attack", start=date(2025, 3, 1),
                  end=date(2025, 3, 31), precision="month")
    other_month = event(LATER, "Russia attacked the Odesa energy grid with drones in January.", actor1="Q159",
                        actor1_name="Russia", event_type="ASSAULT", trigger="attack", start=date(2025, 1, 1),
                        end=date(2025, 1, 31), precision="month")
    _, ids = groups([day, month, other_month])
    assert ids[0] == ids[1] != ids[2]


def test_a_loose_member_does_not_chain_two_distinct_days():
    march_13 = event(AAP, "Putin met Lukashenko in the Kremlin for talks.", event_type="CONSULT", trigger="meet",
                     actor2="Q26231", actor2_name="Alexander Lukashenko", start=date(2025, 3, 13))
    march = event(BBC, "Putin met Lukashenko in the Kremlin for talks this month.", event_type="CONSULT",
                  trigger="meet", actor2="Q26231", actor2_name="Alexander Lukashenko",
                  start=date(2025, 3, 1), end=date(2025, 3, 31), precision="month")
    march_27 = event(LATER, "Putin met Lukashenko in the Kremlin for new talks.", event_type="CONSULT",
                     trigger="meet", actor2="Q26231", actor2_name="Alexander Lukashenko", start=date(2025, 3, 27))
    _, ids = groups([march_13, march, march_27])
    assert ids[0] != ids[2], "two meetings on different days stay apart even with a month-dated report between"


def test_attacks_on_one_day_stay_apart_by_place_and_by_wording():
    def attack(art, sentence, location="", offset=0):
        return replace(event(art, sentence, actor1="Q159", actor1_name="Russia", event_type="ASSAULT",
                             trigger="attack", start=date(2025, 3, 13), offset=offset), location=location)

    kharkiv = attack(BBC, "Russian drones attacked the power station overnight, officials said.", "Kharkiv")
    odesa = attack(AJ, "Russian drones attacked the power station overnight, officials said.", "Odesa")
    same_place = attack(AJ, "Russian drones attacked a power station overnight, the governor said.", "Kharkiv", 7)
    loose = attack(AAP, "Russian forces attacked again overnight, killing two, officials said.", offset=3)
    _, ids = groups([kharkiv, odesa, same_place, loose])
    assert ids[0] == ids[2], "the same attack on the same place, worded alike"
    assert ids[1] != ids[0], "another city is another attack"
    assert ids[3] not in (ids[0], ids[1]), "'overnight' and 'officials' are not enough to call two attacks one"


def test_a_denial_joins_the_claim_it_answers_and_no_other():
    """Regression (review of issue 14): the link was (article, claimed_by, denied_by), so two different
    disputed strikes of one article joined, and a denial whose claimants were joined ("A; B") lost its claim."""
    def strike(sentence, offset, **fields):
        return replace(event(TASS, sentence, actor1="Q212", actor1_name="Ukraine", actor2="Q159", actor2_name="Russia",
                             event_type="ASSAULT", trigger="strike", basis="tense", offset=offset),
                       **{"attribution": "disputed", "claimed_by": "Russia", "denied_by": "Ukraine", **fields})

    hospital = strike("Russia's ministry said Ukrainian drones struck a hospital in Belgorod.", 0)
    convoy = strike("It said Ukrainian artillery shelled a grain convoy near Kursk.", 80)
    denial = strike("Kyiv rejected the allegations as lies.", 160, context="negated",
                    claimed_by="Russia; Belgorod officials", answers=hospital.event_id)
    _, ids = groups([hospital, convoy, denial])
    assert ids[0] == ids[2], "the denial is one happening with the claim it answers, whatever its words"
    assert ids[1] != ids[0], "another claim the same parties dispute is another happening"
    unlinked = replace(denial, answers="")
    _, ids = groups([hospital, convoy, unlinked])
    assert len(set(ids)) == 3, "without the link, no shared wording: three happenings"


def test_undated_events_merge_only_on_near_identical_evidence():
    dated = event(BBC, "Putin said he backed the ceasefire proposal in principle.", start=date(2025, 3, 13))
    same_words = event(AJ, "Putin said he backed the ceasefire proposal in principle.", basis="unknown", offset=3)
    loose = event(LATER, "Putin backed a proposal.", basis="unknown", offset=4)
    table, ids = groups([dated, same_words, loose])
    assert ids[0] == ids[1] != ids[2]
    assert table.set_index("event_id").loc[same_words.event_id, "date_from"] == dated.event_id


def test_events_without_actor_never_merge():
    a = event(BBC, "A ceasefire was agreed in principle.", actor1="", actor1_name="", event_type="AGREE",
              trigger="agree", start=date(2025, 3, 13))
    b = event(AJ, "A ceasefire was agreed in principle.", actor1="", actor1_name="", event_type="AGREE",
              trigger="agree", start=date(2025, 3, 13))
    _, ids = groups([a, b])
    assert ids[0] != ids[1]


def test_empty_input_gives_an_empty_frame_with_the_columns():
    table = cluster([])
    assert table.empty and "cluster_id" in table.columns


def test_a_visit_and_its_hosting_are_one_meeting_but_not_a_meeting_days_later():
    ap, bbc = article("ap", source="AP News", published=date(2025, 2, 25)), article("b", source="BBC News",
                                                                                     published=date(2025, 2, 25))
    hosting = event(ap, "The voting took place as Trump was hosting Emmanuel Macron in the White House.",
                    actor1="Q22686", actor1_name="Donald Trump", actor2="Q3052772", actor2_name="Emmanuel Macron",
                    event_type="CONSULT", trigger="host", basis="tense")
    visit = event(bbc, "The resolutions were tabled as Macron visited Trump at the White House.",
                  actor1="Q3052772", actor1_name="Emmanuel Macron", actor2="Q22686", actor2_name="Donald Trump",
                  event_type="CONSULT", trigger="visit", basis="tense")
    later = event(LATER, "Macron visited Trump again for talks on Ukraine.", actor1="Q3052772",
                  actor1_name="Emmanuel Macron", actor2="Q22686", actor2_name="Donald Trump",
                  event_type="CONSULT", trigger="visit", basis="tense")
    other_guest = event(bbc, "Trump was hosting Keir Starmer at the White House.", actor1="Q22686",
                        actor1_name="Donald Trump", actor2="Q6382533", actor2_name="Keir Starmer",
                        event_type="CONSULT", trigger="host", basis="tense", offset=40)
    _, ids = groups([hosting, visit, later, other_guest])
    assert ids[0] == ids[1]
    assert len({ids[0], ids[2], ids[3]}) == 3


@pytest.fixture(scope="module")
def corpus_store(shared, nlp, tmp_path_factory):
    """The seed and the 12 ukraine-2025 articles, extracted and clustered once for this module."""
    from timeline.ingest.read import read_path
    from timeline.store.store import Store

    articles = []
    for name in ("seed.jsonl", "ukraine-2025.jsonl"):
        articles.extend(read_path(shared / "corpus" / name).articles)
    store = Store(tmp_path_factory.mktemp("corpus") / "store.duckdb")
    report = store.add(articles, nlp)
    assert len(report.added) == 13 and not report.errors
    return store


def test_putins_answer_is_one_cluster_of_three_sources_dated_13_march(corpus_store):
    events = corpus_store.events(clustered=False)
    answer = events[events["sentence"].str.contains("We agree with the proposals to cease hostilities")
                    & events["source"].eq("AAP") & events["event_type"].eq("AGREE")]
    assert len(answer) == 1
    members = corpus_store.cluster_members(answer.iloc[0]["cluster_id"])
    assert {"AAP", "BBC News", "Al Jazeera"} <= set(members["source"])
    assert (members["date_start"] == pd.Timestamp("2025-03-13")).all()
    assert members["actor1"].eq("Q7747").all()
    assert not members["sentence"].str.contains("thanked Trump").any(), "thanking Trump is another event"
    clustered = corpus_store.events()
    row = clustered[clustered["cluster_id"] == answer.iloc[0]["cluster_id"]]
    assert len(row) == 1 and row.iloc[0]["n_sources"] >= 3


def test_the_two_un_vote_articles_share_clusters(corpus_store):
    events = corpus_store.events(clustered=False)
    bbc = set(events.loc[events["article_id"] == "ua25-001", "cluster_id"])
    ap = set(events.loc[events["article_id"] == "ua25-002", "cluster_id"])
    assert bbc & ap


def test_unrelated_events_never_merge_on_the_corpus(corpus_store):
    events = corpus_store.events(clustered=False)
    for cluster_id, members in events.groupby("cluster_id"):
        if len(members) == 1:
            continue
        targets = set(members["actor2"]) - {""}
        assert len(targets) <= 1 or members["event_type"].isin(["CONSULT", "COOPERATE", "AID"]).all(), cluster_id
        assert members["event_type"].map(TYPE_FAMILY).nunique() == 1, cluster_id
        assert not ({"ua25-011"} & set(members["article_id"]) and len(set(members["article_id"])) > 1), \
            "the Gaza article shares no happening with the Ukraine articles"
    counts = corpus_store.counts()
    assert counts["events"] > counts["clusters"] > counts["multi_source_clusters"] >= 2


def test_reported_by_names_an_unknown_source_never_its_article_hash():
    """The bug: the detail said "Source: unknown" but "Reported by" listed the article's hash id."""
    nameless = [article(f"3f9a2c{i}e81b", source="", published=date(2025, 3, 14)) for i in range(2)]
    events = putin_answer()[1:] + [
        event(nameless[0], "On Thursday Putin said he backed the ceasefire proposal in principle.",
              start=date(2025, 3, 13), basis="relative", date_text="Thursday")]
    table = cluster(events)
    assert table["n_sources"].tolist() == [3, 3, 3]
    assert set(table["sources"]) == {"Al Jazeera; BBC News; unknown source"}
    two = events + [event(nameless[1], "Putin said on Thursday he backed the ceasefire proposal in principle.",
                          start=date(2025, 3, 13), basis="relative", date_text="on Thursday")]
    table = cluster(two)
    assert table["n_sources"].tolist() == [4] * 4  # two articles without a source are two sources
    assert set(table["sources"]) == {"Al Jazeera; BBC News; 2 unknown sources"}
    assert not table["sources"].str.contains("3f9a2c").any()


# --- issue 17: incremental clustering gives what clustering everything gives ------------------------

def _clusters_table(store) -> pd.DataFrame:
    with store._connect() as con:
        table = con.execute("SELECT * FROM clusters").df()
    return table.sort_values("event_id").reset_index(drop=True)


def _matches_a_full_run(store) -> bool:
    pd.testing.assert_frame_equal(_clusters_table(store), _from_scratch(store), check_dtype=False)
    return True


def _from_scratch(store) -> pd.DataFrame:
    from timeline.store.editlog import apply_edits

    with store._connect() as con:
        events = apply_edits(con.execute("SELECT * FROM events").df(), store._active_edits(con))
    return cluster(events).sort_values("event_id").reset_index(drop=True)


def test_adding_and_removing_articles_reclusters_only_what_it_touches_and_matches_a_full_run(caplog):
    """Re-clustering was quadratic and ran over everything after every addition: now the groups a
    change touches are clustered again, and the result equals clustering everything from scratch."""
    import logging
    import random

    from timeline.scale.synthetic import synthetic_records
    from timeline.store.store import Store

    records = synthetic_records(1200, seed=7)  # 200 articles; synthetic sentences cluster readily
    random.Random(7).shuffle(records)
    store = Store(":memory:")
    store.load_extracted(records[:120])
    assert _matches_a_full_run(store)
    multi = _clusters_table(store).query("cluster_size > 1")
    assert len(multi) > 50, "the data has merges to keep right"
    steps = [("add", records[120:121]), ("add", records[121:160]), ("remove", [records[3], records[50]]),
             ("add", records[160:200]), ("replace", [records[10]]), ("remove", [records[161]])]
    caplog.set_level(logging.INFO, logger="timeline.store.store")
    for action, chunk in steps:
        caplog.clear()
        if action == "add":
            store.load_extracted(chunk)
        elif action == "remove":
            for article, _ in chunk:
                assert store.remove_article(article.id)
        else:  # the same article id with other text and fewer events
            article, events = chunk[0]
            kept = events[:2]
            changed = replace(article, text=article.text + " Updated.")
            store.load_extracted([(changed, [replace(e, article_id=changed.id) for e in kept])])
        assert _matches_a_full_run(store), action
        done = [r.getMessage().split() for r in caplog.records if r.getMessage().startswith("re-clustering")]
        if action != "remove":  # removing an article whose events stood alone changes no other cluster
            assert len(done) == 1 and 0 < int(done[0][1]) < int(done[0][3]), (action, done)


def test_an_edit_reclusters_everything_and_later_additions_build_on_it():
    from timeline.scale.synthetic import synthetic_records
    from timeline.store.store import Store

    records = synthetic_records(300, seed=3)
    store = Store(":memory:")
    store.load_extracted(records[:30])
    events = store.events(clustered=False)
    target = events[events["cluster_size"] > 1].iloc[0]
    store.edit_event(target["event_id"], "actor1", {"id": "Q7747", "name": "Vladimir Putin"})
    assert _matches_a_full_run(store)
    store.load_extracted(records[30:])
    assert _matches_a_full_run(store)


def test_components_are_the_groups_of_linked_keys():
    """Two events share a group exactly when a chain of keys links them (a symmetric event links
    its two actors' keys); checked against a union-find over the items' own keys."""
    from timeline.scale.synthetic import synthetic_frame
    from timeline.store.dedup import _Item, _records, components

    frame = synthetic_frame(3000, seed=5)
    labels = components(frame)
    items = [_Item.from_row(r) for r in _records(frame)]
    parent: dict = {}

    def root(key):
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for item in items:
        for key in item.keys[1:]:
            parent[root(key)] = root(item.keys[0])
    by_root: dict = {}
    for item, label in zip(items, labels):
        if item.keys:
            assert by_root.setdefault(root(item.keys[0]), label) == label
    assert len(set(by_root.values())) == len(by_root), "different key groups, different labels"
    keyless = [label for item, label in zip(items, labels) if not item.keys]
    assert len(set(keyless)) == len(keyless) and not set(keyless) & set(by_root.values())
    assert 1 < len(by_root) < len(items)
