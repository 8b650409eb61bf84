"""timeline.dates.tagger: one test per expression family, the DCT fixed at Wednesday 20 March 2013 (2013-W12, Q1)."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates.tagger import _candidates, find_timexes
from timeline.schema import PRECISIONS, TIMEX_TYPES
from timeline.dates.grammar import RULES

DCT = date(2013, 3, 20)


def tag(text: str, dct: date | None = DCT, **kw) -> dict[str, tuple[str, str, str]]:
    """{extent: (type, value, mod)}; also checks the offsets point at the extent."""
    out = {}
    for t in find_timexes(text, dct, **kw):
        assert text[t.begin:t.end] == t.text
        out[t.text] = (t.type, t.value, t.mod)
    return out


def one(text: str, dct: date | None = DCT, **kw):
    found = find_timexes(text, dct, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, extent, value", [
    ("The treaty was signed on March 5, 2012, in Geneva.", "March 5, 2012", "2012-03-05"),
    ("The treaty was signed on 5 March 2012 in Geneva.", "5 March 2012", "2012-03-05"),
    ("It was signed in March 2012.", "March 2012", "2012-03"),
    ("It was signed on Jan. 14 in Geneva.", "Jan. 14", "2013-01-14"),
    ("The vote is set for April 2.", "April 2", "2013-04-02"),
    ("The file is dated 2012-11-03.", "2012-11-03", "2012-11-03"),
    ("It came into force on Thursday, Oct. 13, 2011.", "Thursday, Oct. 13, 2011", "2011-10-13"),
    ("Forces fought at the Frontiers (14 August-24 August 1914).", "24 August 1914", "1914-08-24"),
])
def test_full_and_partial_dates(text, extent, value):
    assert tag(text)[extent] == ("DATE", value, "")


def test_weekdays_follow_the_tense_and_the_extent_leaves_out_on():
    assert tag("Putin said on Monday that he agreed.") == {"Monday": ("DATE", "2013-03-18", "")}
    assert tag("The ministers will meet on Friday.") == {"Friday": ("DATE", "2013-03-22", "")}
    # past-tense reporting: the same day counts
    assert tag("Trump said on Wednesday he hoped for a deal.")["Wednesday"][1] == "2013-03-20"
    assert tag("They met last Friday.")["last Friday"][1] == "2013-03-15"


def test_weekday_expected_from_a_past_moment_is_the_nearer_one(nlp):
    # DCT Wednesday: an expectation told in the past looks ahead of a past moment, so either way
    text = "The envoy was expected to meet Putin on Tuesday evening."
    assert one(text, doc=nlp(text)).value == "2013-03-19TEV"
    text = "The envoy was expected to meet Putin on Thursday."
    assert one(text, doc=nlp(text)).value == "2013-03-21"
    # told in the present, the expectation looks ahead of now
    text = "The envoy is expected to meet Putin on Tuesday."
    assert one(text, doc=nlp(text)).value == "2013-03-26"


def test_weekday_tense_from_the_parse(nlp):
    text = "The envoy arrived in Moscow on Sunday."
    assert one(text, doc=nlp(text)).value == "2013-03-17"
    text = "The envoy will arrive in Moscow on Sunday."
    assert one(text, doc=nlp(text)).value == "2013-03-24"


def test_parts_of_day():
    # TempEval convention for a named day's morning or night: the day itself
    assert tag("The talks will resume Friday morning.")["Friday morning"] == ("DATE", "2013-03-22", "")
    assert tag("The talks will resume Friday evening.")["Friday evening"] == ("TIME", "2013-03-22TEV", "")
    assert tag("Shelling continued this morning.")["this morning"] == ("TIME", "2013-03-20TMO", "")
    assert tag("Sirens sounded last night.")["last night"] == ("TIME", "2013-03-19TNI", "")
    assert tag("He will speak tonight.")["tonight"] == ("TIME", "2013-03-20TNI", "")
    assert tag("It started at 10:30 a.m. Tuesday.")["10:30 a.m. Tuesday"] == ("TIME", "2013-03-19T10:30", "")


def test_deictic_days_and_present():
    found = tag("Today the army said it withdrew yesterday and would return tomorrow.")
    assert found == {"Today": ("DATE", "2013-03-20", ""), "yesterday": ("DATE", "2013-03-19", ""),
                     "tomorrow": ("DATE", "2013-03-21", "")}
    assert tag("The town is now under siege.")["now"] == ("DATE", "PRESENT_REF", "")
    assert tag("Forces currently hold the bridge.")["currently"] == ("DATE", "PRESENT_REF", "")
    assert tag("The plant was recently rebuilt.")["recently"] == ("DATE", "PAST_REF", "")


@pytest.mark.parametrize("text, value", [
    ("this week", "2013-W12"), ("last week", "2013-W11"), ("next week", "2013-W13"),
    ("this month", "2013-03"), ("last month", "2013-02"), ("next month", "2013-04"),
    ("this year", "2013"), ("last year", "2012"), ("next year", "2014"),
    ("this quarter", "2013-Q1"), ("next quarter", "2013-Q2"), ("last quarter", "2012-Q4"),
    ("this spring", "2013-SP"), ("last summer", "2012-SU"), ("this weekend", "2013-W12-WE"),
])
def test_this_last_next(text, value):
    assert tag(f"It happened {text}, officials said.")[text] == ("DATE", value, "")


def test_position_modifiers_and_their_spans():
    assert tag("It was agreed earlier this month.")["earlier this month"] == ("DATE", "2013-03", "START")
    assert tag("Fighting resumed in early October.")["early October"] == ("DATE", "2012-10", "START")
    assert tag("It fell late last year.")["late last year"] == ("DATE", "2012", "END")
    mid = one("Forces have advanced since mid-2024.")
    assert (mid.text, mid.value, mid.mod, mid.precision) == ("mid-2024", "2024", "MID", "year")
    assert (mid.range_start, mid.range_end) == (date(2024, 5, 1), date(2024, 8, 31))
    assert tag("The end of 1990 was quiet.")["The end of 1990"] == ("DATE", "1990", "END")


def test_approximate_and_bounded_quantities():
    assert tag("It lasted about three years.")["about three years"] == ("DURATION", "P3Y", "APPROX")
    assert tag("It lasted nearly two weeks.")["nearly two weeks"] == ("DURATION", "P2W", "LESS_THAN")
    assert tag("It took more than a month.")["more than a month"] == ("DURATION", "P1M", "MORE_THAN")


def test_decades_and_centuries():
    assert tag("Prices rose in the 1990s.")["the 1990s"] == ("DATE", "199", "")
    assert tag("It was built in the 19th century.")["the 19th century"] == ("DATE", "18", "")
    assert tag("Unrest grew in the late 1960s.")["the late 1960s"] == ("DATE", "196", "END")
    decade = one("Prices rose in the 1990s.")
    assert (decade.precision, decade.range_start, decade.range_end) == ("decade", date(1990, 1, 1), date(1999, 12, 31))


def test_durations():
    found = tag("A 30-day truce, three years into the war, after the past two weeks of talks.")
    assert found == {"30-day": ("DURATION", "P30D", ""), "three years": ("DURATION", "P3Y", ""),
                     "the past two weeks": ("DURATION", "P2W", "")}
    assert tag("The siege lasted 18 months.")["18 months"] == ("DURATION", "P18M", "")
    assert tag("It took half an hour.")["half an hour"] == ("DURATION", "PT30M", "")
    assert tag("for several years")["several years"] == ("DURATION", "PXY", "")
    assert tag("within two to three weeks")["two to three weeks"] == ("DURATION", "P2W", "")
    assert tag("for two decades")["two decades"] == ("DURATION", "P20Y", "")
    assert tag("The ceasefire held. It may hold.") == {}
    d = one("three years")
    assert (d.range_start, d.range_end, d.precision) == (None, None, "unknown")


def test_sets():
    assert tag("The council meets every year.")["every year"] == ("SET", "P1Y", "")
    assert tag("The bulletin appears weekly.")["weekly"] == ("SET", "P1W", "")
    assert tag("Shops close on Sundays.")["Sundays"] == ("SET", "XXXX-WXX-7", "")


def test_years_alone_and_fiscal():
    assert tag("Russia invaded in 2022.")["2022"] == ("DATE", "2022", "")
    assert tag("Profit rose in fiscal 1989.")["fiscal 1989"] == ("DATE", "1989", "")
    assert tag("the wars of 1861-1865") == {"1861": ("DATE", "1861", ""), "1865": ("DATE", "1865", "")}
    # counts are not years
    assert tag("Some 1500 troops and 2000 tanks crossed.") == {}


def test_quarters():
    assert tag("Profit fell in the third quarter.")["the third quarter"] == ("DATE", "2012-Q3", "")
    assert tag("Profit fell in the first quarter.")["the first quarter"] == ("DATE", "2013-Q1", "")
    found = tag("Third-quarter profit fell 5% from the year-earlier quarter.")
    assert found == {"Third-quarter": ("DATE", "2012-Q3", ""), "the year-earlier quarter": ("DATE", "2011-Q3", "")}


def test_narrative_anchoring_follows_the_last_date_mentioned():
    text = "The siege began on 12 March 1940. Two days later the city fell. The following month was quiet. In October the army withdrew."
    found = tag(text, narrative=True)
    assert found["12 March 1940"] == ("DATE", "1940-03-12", "")
    assert found["Two days later"] == ("DATE", "1940-03-14", "")
    assert found["The following month"] == ("DATE", "1940-04", "")
    assert found["October"] == ("DATE", "1940-10", "")
    # news mode: a month takes the DCT's year ("two days later" still counts from the date before it)
    assert tag(text)["October"] == ("DATE", "2012-10", "")


def test_later_and_earlier_count_from_the_last_date_mentioned_in_news_too():
    # regression (issue 12): "a day later", "ten years earlier" in a news story's history were read
    # against the publication date (2013-03-21, 2003)
    found = tag("The siege began on 12 March 1940. Two days later the city fell.")
    assert found["Two days later"] == ("DATE", "1940-03-14", "")
    found = tag("Russia annexed Crimea in 1954. Ten years earlier, Stalin had deported the Tatars.")
    assert found["Ten years earlier"] == ("DATE", "1944", "")
    # counted from a year, a day is known only to the year: no invented day
    assert tag("Russia invaded in 2022. A day later, Putin spoke.")["A day later"] == ("DATE", "2022", "")
    # "ago" still counts from the publication date, whatever was mentioned before it
    assert tag("Russia invaded in 2022. Two years ago, Putin spoke.")["Two years ago"] == ("DATE", "2011", "")
    # with no date before it, "later" counts from the publication date
    assert tag("Two days later the city fell.")["Two days later"] == ("DATE", "2013-03-22", "")


def test_overnight_and_earlier_in_the_day_lean_on_the_day_last_mentioned():
    # "overnight" is the night before the day the story is at (TimeBank: "Friday ... overnight" is Thursday night)
    found = tag("Russia fired 99 drones overnight, the air force said on Friday.")
    assert found["overnight"] == ("TIME", "2013-03-19TNI", "")  # no day before it: the night before publication
    found = tag("Putin spoke on Friday. Earlier in the day, his aide rejected the plan. Drones hit Kyiv overnight.")
    assert found["Earlier in the day"] == ("DATE", "2013-03-15", "")
    assert found["overnight"] == ("TIME", "2013-03-14TNI", "")
    # after a year, no day can be named; an overnight bag is no time
    assert "Later in the day" not in tag("Putin spoke in 2022. Later in the day he left.")
    assert tag("He packed an overnight bag.") == {}


def test_year_before_of_after_a_time_preposition():
    # regression (issue 12): "pulled out in 2019 of the pact" lost its year to the "2000 of the troops" guard
    assert tag("The rebels pulled out in 2019 of the earlier pact.") == {"2019": ("DATE", "2019", "")}
    assert tag("2000 of the troops went home.") == {}


def test_narrative_anchoring_before_christ():
    found = tag("In 480 BC the fleet sailed. In September it was destroyed.", narrative=True)
    assert found == {"480 BC": ("DATE", "BC0480", ""), "September": ("DATE", "BC0480-09", "")}


def test_spans_and_ranges_tag_each_end():
    assert tag("The war lasted from 2014 to 2022.") == {"2014": ("DATE", "2014", ""), "2022": ("DATE", "2022", "")}
    assert tag("Rain fell between March and May.") == {"March": ("DATE", "2013-03", ""), "May": ("DATE", "2013-05", "")}
    year = one("in 2022")
    assert (year.precision, year.range_start, year.range_end, year.basis) == ("year", date(2022, 1, 1), date(2022, 12, 31), "explicit")
    week = one("this week")
    assert (week.precision, week.range_start, week.range_end, week.basis) == ("week", date(2013, 3, 18), date(2013, 3, 24), "relative")


def test_without_a_publication_date_relative_expressions_stay_unresolved():
    found = {t.text: t for t in find_timexes("He said on Friday that yesterday's talks, begun in 2022, failed.", None)}
    assert (found["Friday"].value, found["Friday"].basis, found["Friday"].range_start) == ("XXXX-WXX-5", "unknown", None)
    assert (found["yesterday"].value, found["yesterday"].basis) == ("XXXX-XX-XX", "unknown")
    assert (found["2022"].value, found["2022"].basis) == ("2022", "explicit")


def test_words_that_only_look_like_dates_are_left_alone():
    text = ("We agree with the proposals. It may rain. Crowds march on the square. They began to fall back. "
            "It would lead to long-term peace, the biggest confrontation since the Cold War.")
    assert tag(text) == {}
    assert tag("Top stories on AAP right now") == {}


def test_company_report_periods():
    found = tag("Net income for the year ended Sept. 30 rose. Sales for the full year were flat; in the latest "
                "fiscal year they fell. Earnings in the third quarter rose and the latest period had gains.")
    assert found["the year"] == ("DURATION", "P1Y", "")
    assert found["the full year"] == ("DATE", "2013", "")
    assert found["the latest fiscal year"] == ("DATE", "2012", "")
    assert found["the latest period"] == ("DATE", "2012-Q3", "")  # the quarter the report is about
    assert tag("He was named person of the year.") == {}  # no preposition-led reporting period
    assert "the year" not in tag("The year was hard.")


def test_fractional_durations_split_into_the_smaller_unit():
    assert tag("It took 5 1/2 hours.") == {"5 1/2 hours": ("DURATION", "PT5H30M", "")}
    assert tag("He served three and a half years.") == {"three and a half years": ("DURATION", "P3Y6M", "")}
    assert tag("It lasted a minute and a half.") == {"a minute and a half": ("DURATION", "PT1M30S", "")}


def test_sets_of_months_and_weekday_nights():
    assert tag("Flights leave on Tuesday nights.") == {"Tuesday nights": ("SET", "XXXX-WXX-2TNI", "")}
    assert tag("The fair opens each July.") == {"each July": ("SET", "XXXX-07", "")}


def test_part_of_day_after_a_mentioned_day():
    found = tag("The talks ended on March 2. The next morning the army moved; that afternoon it stopped.")
    assert found["The next morning"] == ("DATE", "2013-03-03", "")
    assert found["that afternoon"] == ("TIME", "2013-03-03TAF", "")  # the day just reached
    narrative = tag("The talks ended on March 2, 1865. Early the next morning the army moved.", narrative=True)
    assert narrative["Early the next morning"] == ("TIME", "1865-03-03TMO", "START")


def test_tense_cues_for_bare_weekdays_and_months():
    # "P." and "Mr." do not end the sentence, so "will" governs; "succeed" is no past participle
    assert one("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, the company said.", date(1989, 11, 2)).value == \
        "1990-02-01"
    assert one("The INS gave the relatives until Tuesday to sign.", date(2000, 4, 3)).value == "2000-04-04"
    assert one("A bomb ripped through a building next to the U.S. embassy Friday.", date(1998, 8, 8)).value == \
        "1998-08-07"  # "next to" is a place, not the future


def test_a_plan_looks_ahead_only_to_a_time_named_after_it():
    dct = date(1998, 9, 30)  # a Wednesday
    assert tag("The team planned to leave Nairobi on Thursday.", dct) == {"Thursday": ("DATE", "1998-10-01", "")}
    # the day the plan was made, reported in the past
    assert tag("On Friday, the government planned to pay the first claims.", dct) == \
        {"Friday": ("DATE", "1998-09-25", "")}


def test_a_limit_followed_by_the_past_perfect_has_passed():
    dct = date(1999, 5, 7)  # a Friday
    assert tag("Until Thursday, they had not called him a suspect.", dct) == {"Thursday": ("DATE", "1999-05-06", "")}
    # without it, "until" is a deadline ahead of the report
    assert tag("The court gave them until Thursday to sign.", dct) == {"Thursday": ("DATE", "1999-05-13", "")}


def test_a_month_without_tense_cue_is_the_nearer_one():
    dct = date(1998, 12, 5)
    assert tag("With their membership secure, they can take part in planning for the summit in April.", dct) == \
        {"April": ("DATE", "1999-04", "")}
    # a past-tense cue keeps it in the publication year; "vs." does not end the sentence that holds the cue
    assert tag("The summit opened in April.", dct) == {"April": ("DATE", "1998-04", "")}
    assert tag("In January, a week after the Roe vs. Wade anniversary, a bomb exploded.", date(1998, 10, 25)) \
        ["January"] == ("DATE", "1998-01", "")


def test_generic_present_and_past_words_follow_the_news_annotation():
    assert tag("Today's youth see it differently.") == {}
    assert tag("We are presently searching; in the foreseeable future, nothing.") == {}
    assert tag("The current talks failed.") == {"current": ("DATE", "PRESENT_REF", "")}
    assert "the past" not in tag("It rained over the past three summers.")


def test_second_day_of_a_day_range_is_its_own_date():
    assert tag("The summit is on April 24 and 25.") == {"April 24": ("DATE", "2013-04-24", ""),
                                                      "25": ("DATE", "2013-04-25", "")}
    assert tag("The offensive ran March 5-9, 1918.")["9, 1918"] == ("DATE", "1918-03-09", "")
    assert "4" not in tag("Prices rose May 3 or 4 percent.")


def test_us_election_day():
    assert tag("The race runs until Election Day 1998.") == {"Election Day 1998": ("DATE", "1998-11-03", "")}
    assert tag("Crowds gathered on election day.") == {}


def test_holiday_weeks_and_last_holidays():
    dct = date(2000, 4, 17)  # Monday of the week that ends on Easter Sunday, 23 April 2000
    # the week has begun, so past-tense reporting does not reach back a year
    assert tag("Protesters prayed as Easter week began.", dct) == {"Easter week": ("DATE", "2000-W16", "")}
    assert tag("Protesters prayed on Easter.", dct) == {"Easter": ("DATE", "1999-04-04", "")}
    assert tag("He was found at sea last Thanksgiving.", date(2000, 2, 10)) == \
        {"last Thanksgiving": ("DATE", "1999-11-25", "")}
    assert tag("The week after Christmas they met.", date(2000, 2, 10)) == {"Christmas": ("DATE", "1999-12-25", "")}


def test_for_weeks_is_a_vague_duration_of_the_unit_alone():
    assert tag("For weeks the government has held such rallies.", DCT) == {"weeks": ("DURATION", "PXW", "")}
    assert tag("Kopp moved around the country for years.", DCT) == {"years": ("DURATION", "PXY", "")}
    # a counted duration keeps its number and its own extent
    assert tag("He stayed for three years.", DCT) == {"three years": ("DURATION", "P3Y", "")}
    assert tag("Those were good years, and the days were long.", DCT) == {}


def test_titles_and_newspapers_are_not_times():
    assert tag("He told CBS's 60 Minutes so.") == {}
    assert tag("The Communist Party daily Granma said so.") == {}
    assert tag("It took 60 minutes; it is published daily.") == {"60 minutes": ("DURATION", "PT60M", ""),
                                                                   "daily": ("SET", "P1D", "")}


def test_night_of_a_date_is_the_day_in_news_and_the_night_in_histories():
    assert tag("He was shot on the night of Friday, Oct. 23, 1998.")["the night of Friday, Oct. 23, 1998"] == \
        ("DATE", "1998-10-23", "")
    assert tag("They fled on the night of 20 June 1791.", narrative=True)["the night of 20 June 1791"] == \
        ("TIME", "1791-06-20TNI", "")


def test_rates_are_not_durations():
    assert tag("It runs four flights a week and stays open 24 hours a day.") == {}
    assert tag("He served 4 years a decade ago.") == {"4 years": ("DURATION", "P4Y", ""),
                                                      "a decade ago": ("DATE", "2003", "")}
    assert tag("Victory came within a week.") == {"a week": ("DURATION", "P1W", "")}


def test_units_before_an_event_clause_are_a_duration_without_the_preposition():
    assert tag("The banks must wait at least 30 days before closing the purchase.") == \
        {"at least 30 days": ("DURATION", "P30D", "EQUAL_OR_MORE")}
    assert tag("The move comes barely a month after Qantas suspended flights.") == \
        {"barely a month": ("DURATION", "P1M", "LESS_THAN")}
    # clause-final, the preposition belongs to the expression and anchors it
    assert tag("The talks ended on March 2. He had left two days before.", narrative=True)["two days before"] == \
        ("DATE", "2013-02-28", "")


def test_night_and_daytime_of_no_day_in_particular():
    assert tag("The convoys moved only at night; daytime flights stopped.") == \
        {"night": ("TIME", "XXXX-XX-XXTNI", ""), "daytime": ("TIME", "XXXX-XX-XXTDT", "")}
    assert tag("He ordered a night-time retreat.")["night-time"] == ("TIME", "XXXX-XX-XXTNI", "")
    # a rate, a named night and the night of a date are not a generic night
    assert tag("Rooms cost $35 a night, and the night of the fire was cold.") == {}
    assert "night" not in tag("They crossed the river on Christmas night.")


def test_a_season_without_preposition_or_determiner():
    assert tag("The fighting stopped in March 1951. The Chinese Winter Offensive had failed.", narrative=True) == \
        {"March 1951": ("DATE", "1951-03", ""), "Winter": ("DATE", "1951-WI", "")}
    assert tag("They planned a summer offensive.", date(1998, 8, 10))["summer"] == ("DATE", "1998-SU", "")
    # the verb and the water are not seasons; nor is "fall" alone
    assert tag("New firms spring up near a hot spring as prices fall.") == {}


def test_unit_long_adjectives_are_durations():
    assert tag("After a day-long meeting and a months-long siege came a three-week-long strike.") == {
        "day-long": ("DURATION", "P1D", ""), "months-long": ("DURATION", "PXM", ""),
        "three-week-long": ("DURATION", "P3W", "")}
    # ages and plain "long" are not
    assert tag("The 6-year-old boy waited long.") == {}


def test_month_year_ranges_and_slashed_months():
    assert tag("December 1979-February 1980: occupation.", narrative=True) == \
        {"December 1979": ("DATE", "1979-12", ""), "February 1980": ("DATE", "1980-02", "")}
    assert tag("In August/September 1956, the leaders met.", narrative=True) == \
        {"August": ("DATE", "1956-08", ""), "September 1956": ("DATE", "1956-09", "")}
    # a year joined to a word that is not a month stays out
    assert tag("It was a 1990-style campaign.") == {}


def test_rates_after_an_amount_and_high_noon_are_not_times():
    assert tag("Sales should rise 8.5% annually; dividends of $17.9 million annually end.") == {}
    assert tag("The film High Noon helped; for Poland, high noon comes at last.") == {}
    assert tag("The rallies are held here annually, at noon.") == \
        {"annually": ("SET", "P1Y", ""), "noon": ("TIME", "2013-03-20T12:00", "")}


def test_a_couple_is_about_two_and_or_so_is_approximate():
    assert tag("It will not change for a couple of years.") == {"a couple of years": ("DURATION", "P2Y", "APPROX")}
    assert tag("Talks go on for the next two years or so.") == \
        {"the next two years or so": ("DURATION", "P2Y", "APPROX")}
    assert tag("They met a week or so ago.") == {"a week or so ago": ("DATE", "2013-W11", "APPROX")}
    assert tag("Several years passed.") == {"Several years": ("DURATION", "PXY", "")}


def test_over_before_the_is_a_preposition_not_more_than():
    assert tag("Prices rose over the past two years and over three months.") == {
        "the past two years": ("DURATION", "P2Y", ""), "over three months": ("DURATION", "P3M", "MORE_THAN")}


def test_hours_named_by_the_part_of_day():
    assert tag("The father will leave at 4 in the morning.") == {"4 in the morning": ("TIME", "2013-03-20T04:00", "")}
    assert tag("Polls close at eight in the evening; the count ends about 2 at night.") == {
        "eight in the evening": ("TIME", "2013-03-20T20:00", ""),
        "about 2 at night": ("TIME", "2013-03-20T02:00", "APPROX")}
    assert tag("It started at 10 at night.")["10 at night"] == ("TIME", "2013-03-20T22:00", "")
    # a number word with no "at"/"o'clock" is a count of people; twelve in the morning is no one hour
    assert tag("He met three in the morning and two in the afternoon.") == {}
    assert tag("Doors open at 12 in the morning.") == {}


def test_the_day_before_or_after_a_named_day():
    assert tag("The day before last Tuesday's hearing, he left.") == \
        {"The day before last Tuesday": ("DATE", "2013-03-18", "")}
    assert tag("Shops reopened the day after Christmas.") == {"the day after Christmas": ("DATE", "2012-12-26", "")}
    assert tag("He was seen the day before Oct. 23, 1998.") == \
        {"the day before Oct. 23, 1998": ("DATE", "1998-10-22", "")}
    # a day beside an event is not a date we can compute, and "last Tuesday" alone is itself
    assert tag("He resigned the day after the election.") == {}
    assert tag("He left last Tuesday.") == {"last Tuesday": ("DATE", "2013-03-19", "")}


def test_pre_and_post_years_keep_their_side():
    assert tag("Post-1959 politics and pre-1990 rules differ.") == {
        "Post-1959": ("DATE", "1959", "AFTER"), "pre-1990": ("DATE", "1990", "BEFORE")}
    assert tag("The 1959 revolution and the 1990s.")["1959"] == ("DATE", "1959", "")


def test_march_and_may_as_modifiers_after_the():
    assert tag("The March accession will enable the three countries to join.") == {"March": ("DATE", "2013-03", "")}
    assert tag("Parties prepared for the May elections.") == {"May": ("DATE", "2013-05", "")}
    # a march and a name are not months
    assert tag("The March on Rome began; the march of time goes on; the May Day parade.") == {}


def test_dct_may_be_a_datetime_or_an_iso_string():
    assert one("yesterday", datetime(2013, 3, 20, 15, 0)).value == "2013-03-19"
    assert one("yesterday", "2013-03-20").value == "2013-03-19"


def test_seed_article_timexes_match_the_gold(shared):
    seed = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"
    article = json.loads(seed.read_text(encoding="utf-8").splitlines()[0])
    gold = json.loads((shared / "eval" / "seed.gold.json").read_text(encoding="utf-8"))
    found = find_timexes(article["text"], date.fromisoformat(gold["published"]))
    expected = sorted((g["text"], g["type"], g["value"], g.get("mod", "")) for g in gold["timex"]
                      for _ in range(g.get("occurrences", 1)))
    assert sorted((t.text, t.type, t.value, t.mod) for t in found) == expected
    for text in gold["not_timex"]:
        assert all(t.text.lower() != text.lower() for t in found), text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300) | st.lists(st.sampled_from(
           ["on", "Friday", "last", "next", "year", "1990s", "mid-2024", "March", "5", ",", "2012", "two", "days",
            "later", "the", "quarter", "third", "BC", "480", "ago", "every", "week", "now", "early", "since", "-"]),
           max_size=30).map(" ".join),
       dct=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       narrative=st.booleans())
def test_never_raises_and_ranges_are_ordered(text, dct, narrative):
    for t in find_timexes(text, dct, narrative=narrative):
        assert t.type in TIMEX_TYPES and t.precision in PRECISIONS
        assert text[t.begin:t.end] == t.text
        assert (t.range_start is None) == (t.range_end is None)
        if t.range_start is not None:
            assert t.range_start <= t.range_end


def test_every_rule_has_trigger_words():
    assert all(rule.trigger for rule in RULES)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(
           ["on", "Friday", "Fridays", "last", "next", "this", "early", "the", "year", "1990s", "'90s", "mid-2024",
            "March", "Jan.", "5", "2012-03-05", ",", "2012", "two", "days", "a", "later", "after", "quarter", "third",
            "BC", "480", "ago", "every", "week", "weekend", "now", "since", "-", "10", "a.m.", "noon", "night",
            "spring", "Christmas", "nineteen", "ninety", "daily", "century", "period", "and", "\n\n",
            "officials said that the ministers had been meeting in the capital", "x" * 120]),
           max_size=60).map(" ".join),
       narrative=st.booleans())
def test_triggered_scan_finds_what_a_full_text_scan_finds(words, narrative):
    assert _candidates(words, narrative) == _candidates(words, narrative, everywhere=True)


def test_timex_command_prints_json_lines_with_offsets(tmp_path, capsys):
    import argparse

    from timeline.commands import timex

    text = "Putin spoke on Thursday, three years after the war began in 2022."
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    parser = argparse.ArgumentParser()
    timex.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["timex", "--dct", "2025-03-13", str(path)])
    assert args.func(args) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["type"], r["value"], r["mod"]) for r in records] == [
        ("Thursday", "DATE", "2025-03-13", ""), ("three years", "DURATION", "P3Y", ""), ("2022", "DATE", "2022", "")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)
    with pytest.raises(SystemExit):
        parser.parse_args(["timex", "--dct", "2025-13-01", str(path)])
    args = parser.parse_args(["timex", str(tmp_path / "missing.txt")])
    assert args.func(args) == 2
    assert "missing.txt" in capsys.readouterr().err
