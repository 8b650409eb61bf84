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
    # a relative clause on a word that is no date takes none from the sentence (the sentence's date is
    # the main clause's; a history set by an earlier sentence is test_relative_clause_in_a_history_...)
    other = find(events(nlp, "Russia, which annexed Crimea, built a bridge in 2014."), "Russia", "COERCE")
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


# --- round 4: bounds from what the sentence tells ------------------------------------------------

def test_since_then_runs_from_the_time_named_before(nlp):
    found = events(nlp, "Turkey shelled the border town on 4 March. Dozens of farmers have been killed "
                        "by Turkish shelling since then, local officials have said.")
    killed = find(found, "Turkey", "ASSAULT", "kill")
    assert (killed.date_start, killed.date_end) == (date(2025, 3, 4), DCT) and "since then" in killed.reason
    # with no time named before, "since then" gives none
    alone = find(events(nlp, "Dozens of farmers have been killed by Turkish shelling since then, local officials have said."),
                 "Turkey", "ASSAULT", "kill")
    assert alone.date_start is None


def test_statement_is_no_earlier_than_the_dated_happenings_it_tells(nlp):
    e = find(events(nlp, "The Kremlin alleged that Ukrainian artillery shelled a depot late Wednesday and a bridge "
                         "near Belgorod on Tuesday."), "Russia", "ACCUSE")
    assert (e.date_start, e.date_end) == (date(2025, 3, 12), DCT) and "told after what it tells of" in e.reason
    # one date in the report is still the day itself; none leaves it undated
    assert find(events(nlp, "The Kremlin alleged that Ukrainian artillery shelled a depot on Monday."),
                "Russia", "ACCUSE").date_start == MONDAY
    assert find(events(nlp, "The Kremlin alleged that Ukrainian artillery shelled a depot."), "Russia", "ACCUSE").date_start is None


def test_statement_is_not_bounded_by_a_relative_clause_it_contains(nlp):
    e = find(events(nlp, "The Kremlin alleged that Kyiv violated the accord, which lapsed two weeks ago."), "Russia", "ACCUSE")
    assert e.date_start is None


def test_day_without_year_in_a_history_is_in_the_historys_year(nlp):
    history = ("The standoff lasted until 2019, when Moscow massed tanks near the frontier. Officials promised "
               "the tanks would stay put. At dawn on March 2, Russia launched airstrikes on Ukraine.")
    e = find(events(nlp, history), "Russia", "ASSAULT", "launch airstrike")
    assert e.date_start == date(2019, 3, 2) and "the year of the history" in e.reason
    # no history before it: the day is read against publication
    news = find(events(nlp, "Russia launched airstrikes on Ukraine on March 2."), "Russia", "ASSAULT", "launch airstrike")
    assert news.date_start == date(2025, 3, 2)
    # a sentence in the present ends the history
    ended = history.replace("Officials promised the tanks would stay put.", "Ukraine says it is ready.")
    assert find(events(nlp, ended), "Russia", "ASSAULT", "launch airstrike").date_start == date(2025, 3, 2)


def test_present_quoted_under_a_past_report_is_the_speech_not_publication(nlp):
    text = "Zelensky spoke in Kyiv on Monday. \u201cWe urge every government to sanction Moscow,\u201d Zelensky said."
    e = find(events(nlp, text), "Volodymyr Zelensky", "REQUEST")
    assert e.date_start == MONDAY and e.date_basis == "context"
    # quoted under a report in the present, it is still so at publication
    now = find(events(nlp, "\u201cWe urge every government to sanction Moscow,\u201d Zelensky says."), "Volodymyr Zelensky", "REQUEST")
    assert now.date_start == DCT and now.date_basis == "tense"
    # not quoted, a present kept in reported speech is still so at publication
    kept = find(events(nlp, "Zelensky said Kyiv urges every government to sanction Moscow."), "Volodymyr Zelensky", "REQUEST")
    assert kept.date_start == DCT


def test_present_reported_by_an_indefinite_perfect_is_undated(nlp):
    lede = "Kyiv and Moscow traded accusations over the strikes on Tuesday, officials said. "
    e = find(events(nlp, lede + "Zelensky has stressed that Kyiv is open to a pause in the fighting."), "Volodymyr Zelensky", "AGREE")
    assert e.date_start is None and "indefinite" in e.reason
    # reported in the past, the present is still so at publication
    said = find(events(nlp, lede + "Zelensky said that Kyiv is open to a pause in the fighting."), "Volodymyr Zelensky", "AGREE")
    assert said.date_start == DCT and said.date_basis == "tense"


def test_relative_clause_in_a_history_is_in_the_historys_time(nlp):
    told = " The governor had scrapped the reform, sparking rallies that stopped when snipers killed several students."
    shot = find(events(nlp, "The revolt began in 2016 when the president fled." + told), "Snipers", "ASSAULT")
    assert (shot.date_start, shot.date_end) == (date(2016, 1, 1), date(2016, 12, 31)) and "history" in shot.reason
    # in a news story, a relative clause still takes no date from the rest
    assert find(events(nlp, "Students marched on Tuesday." + told), "Snipers", "ASSAULT").date_start is None
    # nor in a sentence told in the present, which ends the history
    now = " The governor is scrapping the reform, which angered students when snipers killed several of them."
    assert find(events(nlp, "The revolt began in 2016 when the president fled." + now), "Snipers", "ASSAULT").date_start is None


def test_infinitive_completing_a_noun_shares_its_clauses_time(nlp):
    text = ("Zelensky said on Tuesday that Kyiv had signed the pact, and voiced his government's readiness "
            "to honour it while warning Moscow of tough countermeasures.")
    assert find(events(nlp, text), "Ukraine", "THREATEN").date_start == TUESDAY
    # not when the noun's clause is no past telling: the order is older than its fulfilment
    order = "Lavrov said on Tuesday the navy has been following Putin's order to halt strikes on ports."
    assert find(events(nlp, order), "Vladimir Putin", "RETREAT").date_start is None


def test_day_of_an_address_posted_on_a_day_is_the_speakers_occasion(nlp):
    text = ("In a video posted on Tuesday, Zelensky said the talks were useful. "
            "In the video, Zelensky added: \u201cSanctions must be tightened.\u201d")
    e = find(events(nlp, text), "Volodymyr Zelensky", "REQUEST")
    assert e.date_start == TUESDAY and "Zelensky spoke" in e.reason
    # a participle that is no occasion of the verb keeps its date: citing a report is not publishing it
    cited = find(events(nlp, "Zelensky accused Russia of lying, citing a report published on 2 January."),
                 "Volodymyr Zelensky", "ACCUSE")
    assert cited.date_start is None


def test_a_time_named_by_pointing_back_is_not_the_storys_span(nlp):
    story = "The UN General Assembly voted on Monday on two resolutions. Britain abstained on Tuesday. "
    same = find(events(nlp, story + "At the same time, Hungary opposed the European resolution."), "Hungary", "REJECT")
    assert same.date_start is None
    plain = find(events(nlp, story + "Hungary opposed the European resolution."), "Hungary", "REJECT")
    assert (plain.date_start, plain.date_end) == (MONDAY, DCT)


def test_day_right_after_a_verb_dates_the_verb_not_the_name_after_it(nlp):
    # the parser reads "Tuesday Ukraine" as one name; the day is when he said it
    text = ("Zelensky said Tuesday Kyiv had signed the pact, and voiced his government's readiness to honour it "
            "while warning Moscow of tough countermeasures.")
    assert find(events(nlp, text), "Ukraine", "THREATEN").date_start == TUESDAY


def test_speaking_on_a_day_makes_that_day_the_speakers_occasion(nlp):
    text = ("Zelensky said on Monday that the talks were useful. Speaking in Paris on Tuesday, Zelensky accused Moscow "
            "of stalling. \u201cWe expect Washington to press Moscow harder,\u201d Zelensky said.")
    e = find(events(nlp, text), "Volodymyr Zelensky", "REQUEST")
    assert e.date_start == TUESDAY and "Zelensky spoke" in e.reason
    # a participle that is no speech does not make the day a statement's day
    walked = text.replace("Speaking in Paris", "Walking in Paris")
    assert find(events(nlp, walked), "Volodymyr Zelensky", "REQUEST").date_start == MONDAY


def test_quoted_yesterday_counts_from_the_day_of_the_speech(nlp):
    e = find(events(nlp, "Zelensky said on Tuesday: \u201cRussia attacked Kyiv yesterday.\u201d"), "Russia", "ASSAULT")
    assert e.date_start == MONDAY and "said Tuesday" in e.date_text
    # not quoted, "yesterday" is the day before publication
    plain = find(events(nlp, "Zelensky said on Tuesday that Russia attacked Kyiv yesterday."), "Russia", "ASSAULT")
    assert plain.date_start == date(2025, 3, 12)


def test_told_after_a_dated_happening_it_runs_from_then_to_publication(nlp):
    marked = find(events(nlp, "Turkish troops launched an offensive near Kobani after the truce collapsed on 4 March."),
                  "Turkey", "ASSAULT")
    assert (marked.date_start, marked.date_end) == (date(2025, 3, 4), DCT) and "after a happening" in marked.reason
    # the parser's split of "after a truce ... collapsed earlier this month"
    split = find(events(nlp, "Turkish troops launched an offensive near Kobani after a truce which had begun on 19 January "
                             "collapsed earlier this month."), "Turkey", "ASSAULT")
    assert (split.date_start, split.date_end) == (date(2025, 3, 1), DCT)
    # nothing dated after "after": no date
    assert find(events(nlp, "Turkish troops launched an offensive near Kobani after the truce collapsed."),
                "Turkey", "ASSAULT").date_start is None
    # a plan is not bounded so
    plan = find(events(nlp, "Turkish troops will launch an offensive near Kobani after the truce collapsed on 4 March."),
                "Turkey", "ASSAULT")
    assert "after a happening" not in plan.reason


def test_told_after_a_definite_happening_it_runs_from_that_happenings_date(nlp):
    # (told in the present, the first sentence sets no history the second would go on in)
    text = "The 2019 invasion remains a turning point. Russian paratroopers raided the airport shortly after the invasion."
    e = find(events(nlp, text), "Russia", "ASSAULT", "raid")
    assert (e.date_start, e.date_end) == (date(2019, 1, 1), DCT)
    # an indefinite noun names no happening told before
    other = text.replace("shortly after the invasion", "shortly after an invasion")
    assert find(events(nlp, other), "Russia", "ASSAULT", "raid").date_start is None


def test_yet_to_happen_is_not_done_at_publication(nlp):
    e = find(events(nlp, "The truce plan has yet to be accepted by Hamas."), "Hamas", "AGREE")
    assert e.context == "negated" and e.date_start == DCT and e.date_basis == "tense"
    # told in the past, it was not done by then: no date at publication
    past = find(events(nlp, "Hamas had yet to accept the truce plan."), "Hamas", "AGREE")
    assert past.context == "negated" and past.date_start is None
    # without "yet", "has to" is an obligation, not a pending act
    assert find(events(nlp, "Hamas has to accept the truce plan."), "Hamas", "AGREE").context != "negated"


def test_a_statement_with_a_modal_after_a_label_is_no_relative_clause(nlp):
    text = 'Scholz spoke in Berlin on Tuesday.\n\nCommunique: "Germany will send more air defence systems to Ukraine."'
    e = find(events(nlp, text), "Germany", "AID")
    assert e.context == "future" and "relative clause" not in e.reason
    # a modal clause that does describe a noun after the label still takes no date from its sentence
    described = 'Scholz spoke in Berlin on Tuesday.\n\nCommunique: a plan that Germany will send more air defence systems to Ukraine.'
    e = find(events(nlp, described), "Germany", "AID")
    assert e.date_start is None and "relative clause" in e.reason


def test_a_light_verbs_definite_object_takes_its_happenings_date(nlp):
    text = "The 2019 invasion remains a turning point. When Putin launched the invasion, markets fell sharply."
    e = find(events(nlp, text), "Vladimir Putin", "ASSAULT", "launch invasion")
    assert (e.date_start, e.date_end) == (date(2019, 1, 1), date(2019, 12, 31)) and "elsewhere in the article" in e.reason
    # an indefinite object names no happening told before
    other = text.replace("launched the invasion", "launched an invasion")
    assert find(events(nlp, other), "Vladimir Putin", "ASSAULT", "launch invasion").date_start is None


def test_a_word_below_a_relative_clauses_verb_takes_that_clauses_date(nlp):
    text = "Hamas dismissed the pause, which Israel accepted on Tuesday following consultations with Egypt."
    e = find(events(nlp, text), "Israel", "CONSULT")
    assert e.date_start == TUESDAY and "relative clause it is part of" in e.reason
    # a clause placed after another inside the relative clause keeps its own time
    ordered = "Hamas dismissed the pause, which lapsed on Tuesday after Israel held consultations with Egypt."
    assert find(events(nlp, ordered), "Israel", "CONSULT").date_start is None


def test_an_infinitive_the_parser_takes_for_a_relative_clause_shares_its_clauses_date(nlp):
    e = find(events(nlp, "Last month, Macron became the first European leader to visit Beijing."),
             "Emmanuel Macron", "CONSULT")
    assert (e.date_start, e.date_end) == (date(2025, 2, 1), date(2025, 2, 28))
    # with no date in its clause it stays undated
    assert find(events(nlp, "Macron became the first European leader to visit Beijing."),
                "Emmanuel Macron", "CONSULT").date_start is None


def test_a_speakers_day_dates_what_they_say_not_a_meeting_they_were_in(nlp):
    text = ("Washington halted arms deliveries to Kyiv last week, after a meeting between Zelensky and Trump went "
            "badly. Zelensky told reporters on Tuesday that he was ready.")
    assert "spoke" not in find(events(nlp, text), "Volodymyr Zelensky", "CONSULT", "meeting").reason
    asked = find(events(nlp, "Zelensky told reporters on Tuesday that he was ready. Zelensky asked the allies for "
                             "more patience."), "Volodymyr Zelensky", "REQUEST")
    assert asked.date_start == TUESDAY and "Zelensky spoke" in asked.reason


def test_a_happening_a_copulas_clause_is_set_during_is_not_what_it_predicates(nlp):
    dated = "Armenia opened its border with Turkey on Tuesday. "
    during = dated + "Erdogan was a member of the delegation during talks with Armenia."
    assert find(events(nlp, during), "Recep Tayyip Erdogan", "CONSULT").date_start is None
    # "was in talks": the talks are what the copula predicates, told in the past on the news day
    inside = dated + "Erdogan was in talks with Armenia."
    assert find(events(nlp, inside), "Recep Tayyip Erdogan", "CONSULT").date_start == TUESDAY


def test_after_a_dated_happening_named_as_the_subject_of_the_placed_clause(nlp):
    dated = "A summit between Macron and Xi ended in a row on Tuesday. "
    found = events(nlp, dated + "EU ministers voiced support for Macron after his summit with Xi ended early.")
    support = find(found, "European Union", "SUPPORT")
    assert (support.date_start, support.date_end) == (TUESDAY, DCT) and "told as after" in support.reason
    # an indefinite noun names no happening told before
    other = events(nlp, dated + "EU ministers voiced support for Macron after a summit with Xi ended early.")
    assert "told as after" not in find(other, "European Union", "SUPPORT").reason


def test_a_definite_noun_takes_the_date_of_a_happening_named_as_a_dated_clauses_subject(nlp):
    dated = "The summit between Macron and Xi ended in a row on Tuesday. "
    (e,) = [e for e in events(nlp, dated + "Ministers later discussed Macron's summit.") if "Ministers" in e.sentence]
    assert e.event_type == "CONSULT" and e.date_start == TUESDAY and "dated elsewhere in the article" in e.reason
    # a dated clause whose subject is of another family dates no summit
    other = "The vote on the budget ended in a row on Tuesday. Ministers later discussed Macron's summit."
    e = find(events(nlp, other), "Emmanuel Macron", "CONSULT")
    assert e.date_start is None and "dated elsewhere" not in e.reason


def test_a_lead_up_counted_in_days_runs_up_to_what_it_led_to(nlp):
    dated = "The envoys met in Geneva on Tuesday. "
    e = find(events(nlp, dated + "Armenia signed a border deal with Azerbaijan after three days of talks with Turkey."),
             "Armenia", "CONSULT")
    assert (e.date_start, e.date_end) == (date(2025, 3, 9), TUESDAY) and "3 days leading up to 'sign'" in e.reason
    weeks = find(events(nlp, dated + "Armenia signed a border deal with Azerbaijan after two weeks of talks with Turkey."),
                 "Armenia", "CONSULT")
    assert (weeks.date_start, weeks.date_end) == (date(2025, 2, 26), TUESDAY)
    # no length given: no lead-up
    other = find(events(nlp, dated + "Armenia signed a border deal with Azerbaijan after a round of talks with Turkey."),
                 "Armenia", "CONSULT")
    assert other.date_start is None and "leading up" not in other.reason
    # what it led to undated, the lead-up stays undated
    alone = find(events(nlp, "Armenia signed a border deal with Azerbaijan after three days of talks with Turkey."),
                 "Armenia", "CONSULT")
    assert alone.date_start is None


def test_a_dated_happening_a_past_main_clause_is_about_sets_the_historys_time(nlp):
    e = find(events(nlp, "The 2008 war was brief. Moscow had earlier recognised the independence of Abkhazia."),
             "Russia", "SUPPORT")
    assert (e.date_start, e.date_end) == (date(2008, 1, 1), date(2008, 12, 31)) and "history" in e.reason
    # told in the present, the sentence sets no history
    present = "The 2008 war is still remembered. Moscow had earlier recognised the independence of Abkhazia."
    assert find(events(nlp, present), "Russia", "SUPPORT").date_start is None


def test_what_a_text_says_in_the_present_is_said_when_it_is_acted_on(nlp):
    debated = "Envoys debated three drafts on Tuesday. "
    e = find(events(nlp, debated + "France sided with Egypt in rejecting a Turkish draft that demands a pause in the "
                                   "shelling."), "Turkey", "REQUEST")
    assert e.date_start == TUESDAY and "what a text says" in e.reason
    # a party, not a text: what it demands in the present is its standing position, undated
    party = find(events(nlp, debated + "France sided with Egypt in rejecting a Turkish party that demands a pause in "
                                       "the shelling."), "Turkey", "REQUEST")
    assert party.date_start is None and "what a text says" not in party.reason
    # acted on in the present, nothing is put on a day
    backed = debated + "France backs a Turkish draft that demands a pause in the shelling."
    assert find(events(nlp, backed), "Turkey", "REQUEST").date_start is None


def test_the_occasion_of_a_speech_is_told_at_the_speechs_time(nlp):
    dated = "The envoys met in Geneva on Tuesday. "
    e = find(events(nlp, dated + "Speaking at a meeting with Erdogan, Macron told reporters that he was hopeful."),
             "Emmanuel Macron", "CONSULT")
    assert e.date_start == TUESDAY
    # a meeting the speech came after is not its occasion
    after = find(events(nlp, dated + "Speaking after a meeting with Erdogan, Macron told reporters that he was hopeful."),
                 "Emmanuel Macron", "CONSULT")
    assert after.date_start is None


def test_a_plan_whose_day_the_text_says_was_not_given_is_undated(nlp):
    e = find(events(nlp, "On Monday, Macron said France and Chile will hold talks in Lima, "
                         "but she did not say when."), "Emmanuel Macron", "CONSULT")
    assert e.date_start is None and e.date_basis == "unknown"
    e = find(events(nlp, "On Monday, Macron said France and Chile will hold talks in Lima, "
                         "without disclosing when."), "Emmanuel Macron", "CONSULT")
    assert e.date_start is None
    # a day of its own stands; the 'when' of another clause is not the plan's
    e = find(events(nlp, "On Monday, Macron said France and Chile will hold talks in Lima on Friday, "
                         "and did not say when they would end."), "Emmanuel Macron", "CONSULT")
    assert e.date_start == date(2025, 3, 14)
    # without it, the plan is dated as a statement: the day it was said
    e = find(events(nlp, "On Monday, Macron said France and Chile will hold talks in Lima."), "Emmanuel Macron", "CONSULT")
    assert e.date_start == MONDAY


def test_only_a_noun_naming_a_happening_takes_the_date_of_its_family_elsewhere(nlp):
    # regression (issue 12): "praised the rebels' leader" was dated by "led the march on Tuesday"
    # (leader/led), "urged the government" by "the government said on Tuesday"
    summit = events(nlp, "The summit opened on Tuesday. Macron later attended the summit in Paris.")
    attended = find(summit, "Emmanuel Macron", "CONSULT")
    assert attended.date_start == TUESDAY and "dated elsewhere in the article" in attended.reason
    leader = events(nlp, "The rebels led the march on Tuesday. Macron had praised the rebels' leader.")
    praised = find(leader, "Emmanuel Macron", "SUPPORT")
    assert praised.date_start != TUESDAY and "dated elsewhere" not in praised.reason
