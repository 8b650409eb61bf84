"""The trigger table (data/triggers.csv): how a sense is picked, and what the table refuses."""
from __future__ import annotations

import pytest

from timeline.extract.ontology import STRUCTURAL_CLASSES, TriggerTable, TriggerTableError, trigger_table

HEADER = "lemma,pos,particle,prep,object,type,mode,note\n"


def table(tmp_path, rows: str, objects: str = "class,words\ntroops,troop|soldier\n") -> TriggerTable:
    (tmp_path / "t.csv").write_text("# a comment line\n" + HEADER + rows, encoding="utf-8")
    (tmp_path / "o.csv").write_text(objects, encoding="utf-8")
    return TriggerTable.from_csv(tmp_path / "t.csv", tmp_path / "o.csv")


def test_the_most_specific_row_wins_and_the_plain_one_is_the_fallback(tmp_path):
    t = table(tmp_path, "call,verb,,,,CONSULT,phone,\ncall,verb,up,,,MOBILIZE,,\ncall,verb,,for,,REQUEST,appeal,\n"
                        "send,verb,,,troops,MOBILIZE,troops,\n")
    assert t.lookup("call", "verb").type == "CONSULT"
    assert t.lookup("call", "verb", particles={"up"}).type == "MOBILIZE"
    assert t.lookup("call", "verb", preps={"for", "in"}).mode == "appeal"
    assert t.lookup("send", "verb", obj="soldier").type == "MOBILIZE"
    assert t.lookup("send", "verb", obj="letter") is None
    assert t.lookup("call", "noun") is None


def test_not_an_event_row_hides_the_plain_sense(tmp_path):
    t = table(tmp_path, "call,verb,,,,CONSULT,phone,\ncall,verb,,,predicate,-,,naming\n")
    rule = t.lookup("call", "verb", structural={"predicate"})
    assert rule.type == "-" and rule.sense is None


def test_a_bad_row_is_an_error_naming_its_line(tmp_path):
    with pytest.raises(TriggerTableError, match="line 3.*ATTACK"):
        table(tmp_path, "strike,verb,,,,ATTACK,,\n")
    with pytest.raises(TriggerTableError, match="pos 'verbs'"):
        table(tmp_path, "strike,verbs,,,,ASSAULT,,\n")


def test_the_shipped_table_reads_and_its_objects_are_classes_or_words():
    t = trigger_table()
    assert t.lookup("attack", "verb").type == "ASSAULT"
    assert t.lookup("send", "verb", obj="troop").type == "MOBILIZE"
    assert t.lookup("send", "verb", obj="weapon").type == "AID"
    objects = {r.object for r in t if r.object}
    assert all(o in t.classes or o in STRUCTURAL_CLASSES or o.isalpha() for o in objects), objects
