"""Event dates from the discourse, not the dateline (issue 12): the sentences are written for the purpose."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.extract.discourse import same_family
from timeline.extract.events import extract_events
from timeline.schema import Article

DCT = date(2025, 3, 13)  # a Thursday
TUESDAY, MONDAY = date(2025, 3, 11), date(2025, 3, 10)


def events(nlp, text, published=DCT):
    return extract_events(Article(id="t", text=text, published=published, source="test"), nlp)


def find(found, actor1, event_type, trigger=None):
    hits = [e for e in found if e.actor1_name == actor1 and e.event_type == event_type
            and (trigger is None or e.trigger == trigger)]
    assert len(hits) == 1, [(e.actor1_name, e.event_type, e.trigger) for e in found]
    return hits[0]


# --- the tense says when, or that it cannot say -----------------------------------------------

def test_present_progressive_is_publication_day(nlp):
    e = find(events(nlp, "Russian troops are storming the border near Kursk."), "Russia", "ASSAULT")
    assert e.date_start == DCT and e.date_basis == "tense" and "progressive" in e.reason


def test_statement_in_the_present_is_publication_day(nlp):
    e = find(events(nlp, "The Kremlin says it supports the plan."), "Russia", "AGREE")  # supporting a plan is agreeing to it
    assert e.date_start == DCT and e.date_basis == "tense"


def test_habitual_present_is_not_publication_day(nlp):
    e = find(events(nlp, "Moscow rejects such claims."), "Russia", "REJECT")
    assert e.date_start is None and e.date_basis == "unknown"


def test_possibility_is_dated_only_as_a_statement(nlp):
    # not put on the publication day by the past tense of "said"...
    e = find(events(nlp, "Putin said he might meet Zelensky."), "Vladimir Putin", "CONSULT")
    assert e.context == "hypothetical" and e.date_start is None and e.date_basis == "unknown"
    # ...but on the day the speaker stated it, when the article says which
    stated = find(events(nlp, "Putin told reporters on Tuesday that the talks had been useful. Putin said he might meet Zelensky."),
                  "Vladimir Putin", "CONSULT")
    assert stated.context == "hypothetical" and stated.date_start == TUESDAY and "Putin spoke" in stated.reason


def test_this_week_ends_at_publication_for_what_has_happened(nlp):
    e = find(events(nlp, "Trump accused Zelensky of corruption this week."), "Donald Trump", "ACCUSE")
    assert (e.date_start, e.date_end) == (MONDAY, DCT)
    future = find(events(nlp, "Trump will meet Putin this week."), "Donald Trump", "CONSULT")
    assert future.date_end == date(2025, 3, 16)


# --- a date in the sentence that is not the event's ---------------------------------------------

def test_date_inside_a_noun_phrase_is_not_the_verbs(nlp):
    e = find(events(nlp, "Before Russia's 2022 invasion, Putin demanded guarantees from Nato."),
             "Vladimir Putin", "REQUEST")
    assert e.date_start is None


def test_since_in_a_comparison_is_not_the_events_date(nlp):
    e = find(events(nlp, "Russia launched the biggest attack on Ukraine since 2022."), "Russia", "ASSAULT")
    assert e.date_start is None
    dated = find(events(nlp, "On Sunday, Russia launched its biggest drone attack on Ukraine since 2022."),
                 "Russia", "ASSAULT")
    assert dated.date_start == date(2025, 3, 9)
    # "since" on a plain verb is still an open span up to publication
    span = find(events(nlp, "Russia has not attacked Ukraine since 2022."), "Russia", "ASSAULT")
    assert (span.date_start, span.date_end) == (date(2022, 1, 1), DCT)


def test_a_dated_noun_after_in_is_the_occasion_of_its_verb(nlp):
    # regression (issue 12): "launched in an overnight strike" was left undated, the date being the noun's
    e = find(events(nlp, "Russia launched 150 drones at Ukraine in an overnight strike."), "Russia", "ASSAULT")
    assert e.date_start == date(2025, 3, 12) and e.date_basis == "relative"
    said = find(events(nlp, "Zelensky accused Russia of lying in Tuesday's address."), "Volodymyr Zelensky", "ACCUSE")
    assert said.date_start == TUESDAY
    # a dated noun the verb is placed after is still the noun's date only: the accusation's day comes
    # from the article (its only recent day), not from the expression
    after = find(events(nlp, "Ukraine accused Russia of lying after Tuesday's strike."), "Ukraine", "ACCUSE")
    assert after.date_basis == "context" and "only recent day" in after.reason


def test_date_of_a_relative_clause_is_not_the_main_clauses(nlp):
    # a proposal is a REQUEST (EVENTS-GUIDE.md)
    e = find(events(nlp, "Israel proposed extending the truce with Hamas, which expired a month ago."),
             "Israel", "REQUEST")
    assert e.date_start is None


def test_participle_describing_a_noun_shares_its_clauses_time(nlp):
    found = events(nlp, "On Monday, Ukraine's air defences destroyed 103 drones launched by Russia.")
    assert find(found, "Russia", "ASSAULT").date_start == MONDAY
    # a full relative clause is background: no date from its sentence
    full = events(nlp, "On Monday, Ukraine rejected the plan that Russia proposed.")
    assert find(full, "Russia", "REQUEST").date_start is None


def test_date_of_a_clause_placed_after_is_not_the_main_clauses(nlp):
    e = find(events(nlp, "Ukraine accused Russia of shelling Kherson after talks ended on Friday. "
                         "Britain sent new aid on Wednesday."), "Ukraine", "ACCUSE")
    assert e.date_start is None
    own = find(events(nlp, "Ukraine accused Russia on Friday of shelling Kherson."), "Ukraine", "ACCUSE")
    assert own.date_start == date(2025, 3, 7)


def test_date_of_a_concession_is_not_the_main_clauses(nlp):
    e = find(events(nlp, "Putin was accused of war crimes by the court in 2024, although the Kremlin has "
                         "rejected the charge."), "Russia", "REJECT")
    assert e.date_start is None


# --- the same speaker, the same happening, elsewhere in the article ---------------------------------

def test_undated_statement_takes_the_day_the_speaker_spoke(nlp):
    found = events(nlp, 'Speaking in Minsk on Tuesday, Lukashenko said he supports the talks. '
                        '"We reject any sanctions," he told reporters.')
    e = find(found, "Alexander Lukashenko", "REJECT")
    assert e.date_start == TUESDAY and e.date_basis == "context" and "Lukashenko spoke" in e.reason


def test_another_speakers_undated_statement_keeps_no_date(nlp):
    found = events(nlp, "Speaking in Minsk on Tuesday, Lukashenko said he supports the talks. "
                        "Zelensky said he rejected the plan. Kyiv asked for new talks on Monday.")
    e = find(found, "Volodymyr Zelensky", "REJECT")
    # not Lukashenko's day: at most the span of the story's news (the several days' rule below)
    assert "spoke" not in e.reason and e.date_start != e.date_end


def test_speakers_occasion_later_in_the_article_dates_the_lede(nlp):
    found = events(nlp, "Kremlin spokesman Dmitry Peskov said Russia supports the plan. "
                        "Peskov told reporters on Monday that the talks had been useful.")
    e = find(found, "Dmitry Peskov", "AGREE")  # supporting a plan is agreeing to it
    assert e.date_start == MONDAY and e.date_basis == "context"


def test_undated_mention_takes_the_date_of_the_same_happening(nlp):
    found = events(nlp, "Ukraine reached an agreement with the United States on Tuesday. "
                        "Ukraine agreed with the United States to share minerals, officials said.")
    agreed = find(found, "Ukraine", "AGREE", "agree")
    assert agreed.date_start == TUESDAY and agreed.date_basis == "context" and "same happening" in agreed.reason


def test_another_happening_of_the_same_actors_keeps_no_date(nlp):
    found = events(nlp, "Russia attacked Ukraine on Monday. Russia shelled Ukraine's border villages. "
                        "Ukraine accused Russia of war crimes on Tuesday.")
    shelled = find(found, "Russia", "ASSAULT", "shell")
    # not Monday's attack: at most the span of the story's news (the several days' rule below)
    assert "same happening" not in shelled.reason and shelled.date_end == DCT and shelled.date_precision == "range"


def test_perfect_outside_the_lede_is_indefinite_background(nlp):
    found = events(nlp, "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow. "
                        "Russia has warned Ukraine against strikes on energy sites. "
                        "The Kremlin warned Ukraine on Tuesday.")
    perfect = [e for e in found if e.event_type == "THREATEN" and e.date_basis != "relative"]
    assert len(perfect) == 1 and perfect[0].date_start is None and "indefinite" in perfect[0].reason
    # a past tense mention of the same happening does take the day
    past = events(nlp, "The Kremlin warned Ukraine on Tuesday against strikes. Russia warned Ukraine that it would respond.")
    assert all(e.date_start == TUESDAY for e in past if e.event_type == "THREATEN")


def test_definite_event_noun_takes_the_date_of_its_antecedent(nlp):
    text = "Russia invaded Ukraine in February 2022. Russia's invasion displaced millions."
    found = events(nlp, text)
    # one happening (happenings.py): the noun's sentence is a further mention of the dated invasion
    invasion = find(found, "Russia", "ASSAULT")
    assert invasion.date_start == date(2022, 2, 1) and invasion.trigger == "invade"
    second = text.index("Russia's invasion")
    assert invasion.mentions == f"{second}-{len(text)}"


def test_undated_past_takes_the_articles_only_recent_day(nlp):
    found = events(nlp, "The UN General Assembly voted on Monday on two resolutions. "
                        "Hungary opposed the European resolution. Russia had rejected it.")
    opposed = find(found, "Hungary", "REJECT")
    assert opposed.date_start == MONDAY and opposed.date_basis == "context" and "only recent day" in opposed.reason
    # the past perfect is before the news, not on its day
    assert find(found, "Russia", "REJECT").date_start is None


def test_coordinated_verb_shares_the_perfect_of_the_first(nlp):
    lede = "The UN General Assembly voted on Monday on two resolutions. "
    perfect = find(events(nlp, lede + "Trump has accused Zelensky of lying and warned Ukraine."), "Donald Trump", "THREATEN")
    assert perfect.date_start is None  # "has ... warned": indefinite background, not the news day
    past = find(events(nlp, lede + "Trump accused Zelensky of lying and warned Ukraine."), "Donald Trump", "THREATEN")
    assert past.date_start == MONDAY


def test_participle_takes_the_tense_of_its_finite_verb(nlp):
    lede = "The UN General Assembly voted on Monday on two resolutions. "
    past = find(events(nlp, lede + "The resolution passed, with Hungary voting against it."), "Hungary", "REJECT")
    assert past.date_start == MONDAY
    future = find(events(nlp, lede + "The resolution will pass, with Hungary voting against it."), "Hungary", "REJECT")
    assert future.date_start is None


def test_several_recent_days_date_the_undated_news_from_the_storys_day(nlp):
    # the story's day is the recent day named most; what the story tells undated in the past
    # happened from then up to publication
    found = events(nlp, "The UN General Assembly voted on Monday on two resolutions. Diplomats met again on Monday. "
                        "Hungary opposed the European resolution. Britain abstained on Tuesday.")
    e = find(found, "Hungary", "REJECT")
    assert (e.date_start, e.date_end) == (MONDAY, DCT) and e.date_precision == "range" and "story of Monday" in e.reason
    # of days named as often, the first named
    tie = events(nlp, "Israel resumed its strikes on Gaza on 2 March. On Tuesday, Hamas rejected the plan. "
                      "Israel accused Hamas of lying.")
    assert (find(tie, "Israel", "ACCUSE").date_start, find(tie, "Israel", "ACCUSE").date_end) == (date(2025, 3, 2), DCT)


def test_several_recent_days_leave_undated_a_sentence_that_names_another_time(nlp):
    # the sentence dates something else: its undated happening is set apart from it
    found = events(nlp, "The UN General Assembly voted on Monday on two resolutions. Britain abstained on Tuesday. "
                        "Israel accused Hamas of lying and on 2 March resumed its strikes on Gaza.")
    assert find(found, "Israel", "ACCUSE").date_start is None
    # nor does a roundup of items under day headers have a story's day
    roundup = events(nlp, "Here is the situation on Thursday, March 13:\n\n- Britain abstained on Tuesday.\n\n"
                          "- Kyiv said on Monday it was ready.\n\n- Hungary opposed the European resolution.")
    assert find(roundup, "Hungary", "REJECT").date_start is None


def test_no_news_day_from_old_dates_or_from_now(nlp):
    found = events(nlp, "Russia invaded Ukraine in February 2022. Now the war is in its fourth year. "
                        "Hungary opposed the European resolution.")
    assert find(found, "Hungary", "REJECT").date_start is None


@pytest.mark.parametrize("a, b, same", [
    ("agree", "agreement", True), ("vote", "voting", True), ("invade", "invasion", True),
    ("meet", "meeting", True), ("accuse", "accusation", True), ("talk", "talks", True),
    ("protest", "protect", False), ("support", "supply", False), ("strike", "attack", False),
    ("attack", "attempt", False), ("at", "attack", False),
])
def test_word_families(a, b, same):
    assert same_family(a, b) is same


def test_roundup_header_is_the_now_of_its_section(nlp):
    text = ("Here is the situation as of Friday, March 7:\n\n"
            "- Russian troops are storming the border near Kursk, Kyiv said.\n\n"
            "- The Kremlin says it supports the plan.")
    found = events(nlp, text, published=date(2025, 3, 8))
    for e in (find(found, "Russia", "ASSAULT"), find(found, "Russia", "AGREE")):  # supporting a plan is agreeing to it
        assert e.date_start == date(2025, 3, 7) and e.date_basis == "context" and "Friday, March 7" in e.reason
    # without a header, the present is the publication day
    plain = find(events(nlp, "Russian troops are storming the border near Kursk.", published=date(2025, 3, 8)),
                 "Russia", "ASSAULT")
    assert plain.date_start == date(2025, 3, 8) and plain.date_basis == "tense"


def test_a_history_goes_on_in_the_time_its_last_sentence_set(nlp):
    found = events(nlp, "In 2014, Putin saw signs that Ukraine was drifting west. Putin annexed Crimea.")
    e = find(found, "Vladimir Putin", "COERCE")
    assert (e.date_start, e.date_end) == (date(2014, 1, 1), date(2014, 12, 31)) and e.date_basis == "context"
    # not when the sentence before is recent news, nor when this one names its own time
    recent = events(nlp, "On Monday, Putin saw signs that Ukraine was drifting west. Putin annexed Crimea. "
                         "Kyiv protested on Tuesday.")
    assert "history" not in find(recent, "Vladimir Putin", "COERCE").reason
    own = events(nlp, "In 2014, Putin saw signs that Ukraine was drifting west. Putin annexed Crimea last year.")
    assert find(own, "Vladimir Putin", "COERCE").date_start == date(2024, 1, 1)


def test_a_noun_is_not_dated_by_the_tense_of_its_sentence(nlp):
    found = events(nlp, "The UN General Assembly voted on Monday on two resolutions. "
                        "Zelensky said Russia's invasion was a crime against Ukraine.")
    assert all(e.date_start is None for e in found if e.trigger == "invasion")


# --- a relative clause told of a date or of a dated happening -------------------------------------

def test_a_when_clause_on_a_date_happened_then(nlp):
    e = find(events(nlp, "The war began in 2014, when Russia annexed Crimea."), "Russia", "COERCE")
    assert (e.date_start, e.date_end) == (date(2014, 1, 1), date(2014, 12, 31)) and "relative clause" in e.reason
    # a relative clause on a word that is no date takes none from the sentence
    other = find(events(nlp, "The war began in 2014. Russia, which annexed Crimea, built a bridge."), "Russia", "COERCE")
    assert other.date_start is None


def test_a_past_relative_clause_of_a_dated_happening_has_its_date(nlp):
    e = find(events(nlp, "Shipping resumed last week after a 2019 deal that was brokered by France."), "France", "CONSULT")
    assert (e.date_start, e.date_end) == (date(2019, 1, 1), date(2019, 12, 31)) and "'deal'" in e.reason
    # not when the noun is undated, nor when the clause is told in the present
    undated = find(events(nlp, "Shipping resumed last week after a deal that was brokered by France."), "France", "CONSULT")
    assert undated.date_start is None
    present = find(events(nlp, "Shipping resumed last week under a 2019 deal that France is brokering again."),
                   "France", "CONSULT")
    assert present.date_start is None


def test_a_history_keeps_its_time_over_undated_sentences_in_the_past(nlp):
    text = "The dispute goes back a decade, and it started in 2013. Lukashenko had rejected an EU offer. "
    found = events(nlp, text + "Protests grew. Lukashenko later visited Moscow.")
    for e in (find(found, "Alexander Lukashenko", "REJECT"), find(found, "Alexander Lukashenko", "CONSULT")):
        # the past perfect too, and the time of a coordinated clause in the past
        assert (e.date_start, e.date_end) == (date(2013, 1, 1), date(2013, 12, 31)) and "history" in e.reason
    # a sentence in the present ends the history
    stopped = events(nlp, text + "Belarus wants peace. Lukashenko later visited Moscow.")
    assert find(stopped, "Alexander Lukashenko", "CONSULT").date_start is None
    # and it reaches back only three sentences
    far = events(nlp, "In 2013 Russia annexed Crimea. Protests grew. Crowds gathered. Strikes spread. Lukashenko later visited Moscow.")
    assert find(far, "Alexander Lukashenko", "CONSULT").date_start is None


def test_in_the_past_two_years_is_the_stretch_up_to_publication(nlp):
    found = events(nlp, "Georgia joined the alliance in the past two years.")
    e = find(found, "Georgia", "COOPERATE")
    assert (e.date_start, e.date_end) == (date(2023, 3, 13), DCT) and e.date_precision == "range"
    month = find(events(nlp, "Russia has attacked Kharkiv three times over the last month."), "Russia", "ASSAULT")
    assert (month.date_start, month.date_end) == (date(2025, 2, 13), DCT)
    # a duration that is not counted back from the report dates nothing
    lasting = find(events(nlp, "Russia has attacked Kharkiv for two years."), "Russia", "ASSAULT")
    assert lasting.date_start is None


def test_a_statement_after_a_label_and_a_colon_is_no_relative_clause(nlp):
    lede = "Macron met Scholz in Paris on Tuesday.\n\n"
    found = events(nlp, lede + 'Communique: "Georgia expressed willingness to take the EU offer."')
    e = find(found, "Georgia", "AGREE")
    assert e.date_start == TUESDAY and "only recent day" in e.reason
    # a clause that does describe a noun still takes no date from its sentence
    described = events(nlp, lede + "Lavrov criticised the offer, which Georgia accepted.")
    assert find(described, "Georgia", "AGREE").date_start is None


def test_now_with_a_perfect_is_no_date(nlp):
    # "has now recaptured": done by now, on a day the text does not give
    done = find(events(nlp, "Ukrainian forces have now recaptured the village of Robotyne."), "Ukraine", "ASSAULT")
    assert done.date_start is None
    # "now" with the present still places the happening at publication
    going = find(events(nlp, "Russian troops are now storming Sudzha."), "Russia", "ASSAULT")
    assert going.date_start == DCT and "'now'" in going.reason


def test_the_ledes_perfect_is_the_news_of_the_news_day(nlp):
    found = events(nlp, "Hungary has rejected the European resolution on Ukraine. The UN General Assembly voted on Monday.")
    e = find(found, "Hungary", "REJECT")
    assert e.date_start == MONDAY and e.date_basis == "context"
    # the same perfect after the lede is indefinite background
    later = events(nlp, "The UN General Assembly voted on Monday. Hungary has rejected the European resolution.")
    assert find(later, "Hungary", "REJECT").date_start is None


def test_an_obligation_voiced_in_the_past_is_news_of_the_news_day(nlp):
    lede = "The UN General Assembly voted on Monday on two resolutions. "
    found = events(nlp, lede + "Zelensky said that the allies should send more air defence systems to Ukraine.")
    demand = find(found, "Volodymyr Zelensky", "REQUEST")  # the demand is the statement, made that day
    assert demand.date_start == MONDAY and "only recent day" in demand.reason
    # what a speaker says might happen is no statement of theirs to date
    maybe = find(events(nlp, lede + "Zelensky said he might meet Putin."), "Volodymyr Zelensky", "CONSULT")
    assert maybe.context == "hypothetical" and maybe.date_start is None
