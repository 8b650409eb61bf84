"""actor1 and actor2 read from the parse (timeline/extract/roles.py), on sentences written for the purpose."""
from __future__ import annotations

from datetime import date

from timeline.extract.events import extract_events
from timeline.schema import Article

DCT = date(2025, 3, 13)


def events(nlp, text):
    return extract_events(Article(id="t", text=text, published=DCT, source="test"), nlp)


def pairs(nlp, text, event_type=None):
    """(actor1, type, actor2) of every event, actor2 '' when none."""
    return {(e.actor1_name, e.event_type, e.actor2_name) for e in events(nlp, text)
            if event_type is None or e.event_type == event_type}


def test_partner_after_the_noun_a_light_verb_carries(nlp):
    assert pairs(nlp, "Russia held talks with Ukraine in Istanbul.") == {("Russia", "CONSULT", "Ukraine")}
    assert pairs(nlp, "Macron had a long call with Xi Jinping on Monday.") == {("Emmanuel Macron", "CONSULT", "Xi Jinping")}


def test_a_place_is_not_a_partner(nlp):
    assert pairs(nlp, "Rubio held talks in Riyadh on Tuesday.") == {("Marco Rubio", "CONSULT", "")}


def test_the_one_an_object_is_for_or_against(nlp):
    assert ("European Union", "SANCTION", "Belarus") in pairs(nlp, "The European Union imposed new sanctions on Belarus.")
    assert ("United States", "SANCTION", "Ukraine") in pairs(
        nlp, "Washington suspended military aid and intelligence sharing to Kyiv.")


def test_sanctions_without_a_target_have_no_actor2(nlp):
    found = pairs(nlp, "The European Union imposed new sanctions.")
    assert found and all(a2 == "" for _, _, a2 in found)


def test_owner_of_what_was_hit_and_author_of_what_was_rejected(nlp):
    assert ("Poland", "ASSAULT", "Russia") in pairs(nlp, "Poland's army shot down several drones launched by Russia.")
    assert ("Alexander Lukashenko", "REJECT", "European Union") in pairs(
        nlp, "Lukashenko rejected a peace plan put forward by the European Union.")


def test_name_in_apposition_is_the_target(nlp):
    assert ("Recep Tayyip Erdogan", "ACCUSE", "NATO") in pairs(nlp, "Erdogan accused the Western alliance, NATO, of hypocrisy.")


def test_object_members_including_a_named_party(nlp):
    found = pairs(nlp, "Ukraine continues discussions with international partners, including the United States and Japan.")
    assert {("Ukraine", "CONSULT", "United States"), ("Ukraine", "CONSULT", "Japan")} <= found


def test_co_subjects_of_a_joint_act_are_its_parties(nlp):
    assert pairs(nlp, "Turkey and Qatar signed an agreement on Tuesday.") == {("Turkey", "AGREE", "Qatar")}
    assert pairs(nlp, "U.S. and Russian representatives met in the morning.") == {("United States", "CONSULT", "Russia")}


def test_a_deal_of_three_is_one_record_per_pair_with_the_first_named(nlp):
    found = pairs(nlp, "The United States, Saudi Arabia and Qatar reached a deal on Tuesday.")
    assert found == {("United States", "AGREE", "Saudi Arabia"), ("United States", "AGREE", "Qatar")}
    ids = [e.event_id for e in events(nlp, "The United States, Saudi Arabia and Qatar reached a deal on Tuesday.")]
    assert len(set(ids)) == len(ids), "each pair has its own id"


def test_co_subjects_of_a_one_sided_act_each_act(nlp):
    assert pairs(nlp, "Belarus and Russia attacked Ukraine.") == {("Belarus", "ASSAULT", "Ukraine"), ("Russia", "ASSAULT", "Ukraine")}


def test_reciprocal_and_mutual_hostile_acts_go_both_ways(nlp):
    assert pairs(nlp, "Israel and Iran accused each other of escalation.") == {
        ("Israel", "ACCUSE", "Iran"), ("Iran", "ACCUSE", "Israel")}
    assert pairs(nlp, "Meanwhile, both Russia and Ukraine continued to launch attacks across the border.") == {
        ("Russia", "ASSAULT", "Ukraine"), ("Ukraine", "ASSAULT", "Russia")}


def test_co_objects_are_further_targets(nlp):
    assert pairs(nlp, "Washington announced a tentative agreement with Ukraine and Russia.") == {
        ("United States", "AGREE", "Ukraine"), ("United States", "AGREE", "Russia")}


def test_talks_between_two_parties(nlp):
    found = pairs(nlp, "Last week, a meeting between Trump and Zelenskyy in the White House spiralled into acrimony.")
    assert ("Donald Trump", "CONSULT", "Volodymyr Zelensky") in found
    assert not any(a1 == "United States" for a1, _, _ in found)


def test_partner_of_the_talks_an_agreement_was_made_in(nlp):
    assert ("Vladimir Putin", "AGREE", "Donald Trump") in pairs(
        nlp, "Putin agreed to halt the attacks for 30 days in a phone call with President Donald Trump.")
    # the place of the talks is no partner
    assert ("Russia", "AGREE", "") in pairs(nlp, "Russia agreed to the plan in Riyadh after a meeting.")


def test_addressee_of_a_warning_is_the_subject_of_its_clause(nlp):
    assert ("Donald Trump", "THREATEN", "Volodymyr Zelensky") in pairs(nlp, "Trump warned that Zelensky had better move fast.")
    # "he" there is the one who warns: no target
    assert pairs(nlp, "Trump warned that he would impose tariffs.", "THREATEN") == {("Donald Trump", "THREATEN", "")}


def test_object_pronoun_is_the_other_person_named(nlp):
    assert ("Vladimir Putin", "SUPPORT", "Alexander Lukashenko") in pairs(nlp, "Putin met Lukashenko on Friday. Later Putin praised him.")
    assert ("Vladimir Putin", "ACCUSE", "Volodymyr Zelensky") in pairs(nlp, "Zelensky is Jewish. Putin condemns him as a disgrace.")


def test_object_pronoun_left_alone_when_two_people_could_be_meant(nlp):
    found = [e for e in events(nlp, "Trump spoke about Macron and Putin on Monday. Trump criticized him.") if e.trigger == "criticize"]
    assert found and all(e.actor2 == "" for e in found)


def test_dateline_is_not_the_subject(nlp):
    assert pairs(nlp, "KYIV, Ukraine (AP) — President Donald Trump this week falsely blamed Ukraine for the war.") == {
        ("Donald Trump", "ACCUSE", "Ukraine")}
    assert pairs(nlp, "KYIV, Ukraine (AP) — Russia and Ukraine have accused each other of breaking the terms.") == {
        ("Russia", "ACCUSE", "Ukraine"), ("Ukraine", "ACCUSE", "Russia")}


def test_struck_place_is_the_state_it_lies_in(nlp):
    e = [e for e in events(nlp, "A Russian missile struck the northern city of Sumy on Monday.") if e.event_type == "ASSAULT"]
    assert [(x.actor1_name, x.actor2_name, x.actor2_text) for x in e] == [("Russia", "Ukraine", "Sumy")]
    assert ("Ukraine", "ASSAULT", "Russia") in pairs(nlp, "Ukrainian drone attacks hit an electric facility in the Bryansk region.")
    assert ("Israel", "ASSAULT", "Palestine") in pairs(nlp, "Israel resumed its military strikes on Gaza.")
    assert ("Vladimir Putin", "COERCE", "Ukraine") in pairs(nlp, "Putin illegally annexed the Crimean Peninsula.")


def test_own_territory_or_a_meeting_place_is_no_target(nlp):
    assert pairs(nlp, "Ukrainian air defences shot down 40 drones over Kyiv.", "ASSAULT") == {("Ukraine", "ASSAULT", "")}
    assert pairs(nlp, "Putin met officials in Kyiv on Monday.", "CONSULT") == {("Vladimir Putin", "CONSULT", "")}
