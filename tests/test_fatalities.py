"""Fatalities: the number of dead a sentence gives, and only that (sentences written for these tests)."""
from __future__ import annotations

import dataclasses

import pytest

from sample_events import event
from timeline.extract.fatalities import attach, fatalities


@pytest.mark.parametrize("sentence, dead", [
    ("Russian strikes killed at least 12 people, including three children.", 12),
    ("Twelve soldiers were killed.", 12),
    ("Some 300 soldiers were killed near the river.", 300),
    ("The shelling killed more than 1,200 people.", 1200),
    ("Two hundred people died.", 200),
    ("Twenty-five people died overnight.", 25),
    ("The attack left 40 dead.", 40),
    ("At least 9 people lost their lives.", 9),
    ("The bombing claimed the lives of 7 people.", 7),
    ("The death toll rose to 40.", 40),
    ("Three soldiers and two civilians were killed in the attack.", 5),  # counts joined by "and" add up
    ("The attack killed three soldiers and two civilians.", 5),
    ("Between 10 and 15 people were killed.", 10),  # a range: its lower bound
    ("30 were wounded and 12 killed.", 12),
    ("Officials said 23 civilians, including four children, were killed overnight.", 23),  # an aside
    ("At least 15 soldiers have already been killed.", 15),
    ("17 members of the brigade were killed.", 17),
    ("The ministry confirmed 31 military deaths.", 31),
    ("Drone strikes kill 9 civilians near the border", 9),  # a headline's present tense
    ("The fighting has claimed more than 3,000 lives.", 3000),
    ("No one was killed.", 0),
    ("There were no casualties.", 0),
])
def test_a_number_of_dead_is_read(sentence, dead):
    assert fatalities(sentence) == dead


@pytest.mark.parametrize("sentence", [
    "12 soldiers crossed the border on Monday.",  # 12 soldiers, not killed
    "12 soldiers were wounded.",
    "Police arrested 12 protesters.",
    "He was killed in 2012.",  # a year
    "In 2014 soldiers were killed in Donetsk.",
    "He was killed 12 years ago.",
    "He was killed on 12 March.",
    "They were killed on March 12.",
    "Maria, one of the 40 dead, was a teacher.",  # a back-reference to a toll given elsewhere
    "A 12-year-old boy was killed.",  # an age, and no number of dead
    "A boy aged 12 was killed.",
    "Dozens were killed.",  # no number
    "Hundreds of civilians have been killed.",
    "Officials said 12 people are feared dead.",  # doubt
    "The strike could kill 1,000 people.",  # what could happen
    "12 people could be killed.",
    "Up to 12 people may have died.",
    "The strike killed 12% of the herd.",
    "Up to 10 civilians had been killed.",  # a most, not a count
    "Medics saved 40 lives.",
    "They vowed to kill 50 officers.",
    "Drones are killing 300 soldiers a day.",  # a rate
])
def test_no_number_of_dead_is_invented(sentence):
    assert fatalities(sentence) is None


def test_a_restated_toll_is_not_added_to_the_new_count():
    assert fatalities("The strike killed 12 more, and the death toll rose to 40.") == 12
    assert fatalities("The attack killed three soldiers and wounded two civilians.") == 3
    assert fatalities("The strike killed 3 soldiers and 5 were wounded.") == 3


def test_the_count_goes_to_violent_events_only():
    sentence = "Zelensky condemned the strike that killed 12 civilians."
    strike = dataclasses.replace(event(1, event_type="ASSAULT", quad=4, sentence=sentence), trigger="strike")
    condemn = dataclasses.replace(event(2, event_type="ACCUSE", quad=3, sentence=sentence), trigger="condemn")
    assert attach(strike).fatalities == 12
    assert attach(condemn).fatalities is None  # a statement about the dead did not kill them
    # an event that did not happen killed no one
    assert attach(dataclasses.replace(strike, context="future")).fatalities is None
    assert attach(dataclasses.replace(strike, sentence="Russia attacked Kharkiv.")).fatalities is None


def test_a_happening_told_in_two_sentences_takes_the_count_of_either():
    text = "Russian forces struck Kharkiv on Monday. The strike killed 14 people."
    first = text.index("The strike")
    strike = dataclasses.replace(event(1, event_type="ASSAULT", quad=4, sentence=text[:first - 1]),
                                 trigger="strike", sent_start=0, sent_end=first - 1,
                                 mentions=f"{first}-{len(text)}")
    assert attach(strike, text).fatalities == 14
    assert attach(strike).fatalities is None  # without the article, only its own sentence
