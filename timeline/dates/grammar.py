"""The grammar of temporal expressions: one pattern per family, paired with its normalizer.

A pattern marks the TimeML extent as group ``x`` when it needs words around it to decide (a
preposition before a bare month, say); otherwise the whole match is the extent. Normalizers live
in ``timex_rules``.
"""
from __future__ import annotations

import re

from timeline.dates.relative import (n_ago, n_clock, n_clock_pod, n_day_beside, n_dayrel, n_duration, n_fin_year, n_generic_pod, n_holiday, n_next_pod, n_same_day, n_part_of_date, n_ref,
                                     n_rel_unit, n_set, n_the_unit, n_the_weekend, n_unit_long, n_vague_duration, n_week_of,
                                     n_weekday, n_weekday_set)
from timeline.dates.rules import (Norm, Rule, _month, n_bc, n_century, n_decade, n_iso, n_md, n_mdy, n_month, n_month_anaphoric_year,
                                  n_month_rel_year, n_my, n_period, n_pre_post_year, n_quarter_ord, n_quarter_rel, n_season,
                                  n_spoken_year, n_year, n_year_ago_adj)
from timeline.dates.values import NUMBER_WORD

# --- pattern fragments --------------------------------------------------------------------------
MON = (r"(?:jan(?:uary|\.)|feb(?:ruary|\.)|mar(?:ch|\.)|apr(?:il|\.)|may|june|jun\.|july|jul\.|aug(?:ust|\.)|"
       r"sept(?:ember|\.)|sep\.|oct(?:ober|\.)|nov(?:ember|\.)|dec(?:ember|\.))")
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1\d{3}|20\d{2})"
WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centuries)"
APPROX = (r"(?:(?P<q>about|around|approximately|roughly|some|nearly|almost|more\s+than|over(?!\s+the\b)|less\s+than|under|"
          r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just\s+over|just\s+under|"
          r"fewer\s+than|barely|only|just)\s+)?")
POS = (r"(?:(?P<pos>(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|earlier|later)(?:\s*-\s*|\s+)(?:in\s+)?(?:the\s+)?|"
       r"the\s+(?:very\s+)?(?:end|beginning|start|middle|close|dawn)\s+of\s+(?:the\s+)?|"
       r"(?:the\s+)?(?:first|second|latter|last)\s+half\s+of\s+(?:the\s+)?))?")
PREP = (r"(?P<pre>\b(?:in|of|since|until|till|by|from|to|through|during|between|and|or|before|after|on|"
        r"early|late|mid|each|every|around|circa|about|throughout|fiscal|year|spring|"
        r"summer|autumn|fall|winter|mid-)\s+)?")

def _c(rx: str, *, ranges: bool = False) -> re.Pattern:
    """Whole words only; with ``ranges``, either side of a hyphenated range ("1861-1863") too."""
    if ranges:
        return re.compile(rf"(?<![\w$£€.])(?:{rx})(?![\w]|-(?!{MON}\b)[A-Za-z]|[.,]\d)", re.I)
    return re.compile(rf"(?<![\w$£€.-])(?:{rx})(?![\w-]|[.,]\d)", re.I)


HOLIDAY = r"election\s+day|christmas(?:\s+(?:day|eve))?|new\s+year[’']s\s+(?:day|eve)|thanksgiving(?:\s+day)?|independence\s+day|the\s+fourth\s+of\s+july|valentine[’']s\s+day|halloween|easter(?:\s+sunday)?|veterans\s+day|armistice\s+day|boxing\s+day"
POD = r"morning|afternoon|evening|night"
SEASON_PREP = r"(?P<pre>\b(?:in|since|until|till|by|during|through|throughout|before|after|early|late|mid)\s+)?"
QUARTER_ORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
# the year that closes a range or list begun by this month: "in April and June 1955", "14 August-2 September 1914"
FWD_YEAR = (rf"(?:(?=(?:\s*(?:,|and|or|to|through|until|-|–|/|{DAY}|{MON}))*?\s*(?:,|and|or|to|through|until|-|–|/)"
            rf"(?:\s*(?:{DAY}|{MON}))+,?\s+(?P<fy>{YEAR4})(?!\d)))?")

# Triggers: words every match of a rule holds as a whole token (a run of letters or of digits; "####" is a
# number of four digits, "#" any other), so the rule need only run in the text around one of them.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


T_NUMBER = _words("# ####")
T_YEAR = _words("####")
T_MON = _words("jan january feb february mar march apr april may jun june jul july aug august "
               "sep sept september oct october nov november dec december")
T_WD = _words("monday tuesday wednesday thursday friday saturday sunday "
              "mondays tuesdays wednesdays thursdays fridays saturdays sundays")
T_POD = _words("morning afternoon evening night")
T_UNIT = _words("second seconds minute minutes hour hours day days night nights week weeks weekend weekends "
                "fortnight fortnights month months quarter quarters year years decade decades century centuries")
T_DECADE = _words("s twenties thirties forties fifties sixties seventies eighties nineties")  # "1990s": "1990", "s"
T_REF = _words("former recent future now current currently present presently nowadays days recently lately past formerly")
T_DAYREL = T_POD | _words("today tonight yesterday tomorrow")  # a bare "this" or "last" does not normalize
T_CLOCK = _words("am pm m noon midnight midday")  # "a.m.": "a", "m"
T_SET = _words("daily weekly monthly annually yearly nightly hourly biweekly semiannually every each")
T_HOLIDAY = _words("election christmas year thanksgiving independence fourth valentine halloween easter "
                   "veterans armistice boxing")

RULES: tuple[Rule, ...] = (
    Rule("iso", _c(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}))?)?"), n_iso, trigger=T_YEAR),
    Rule("mdy", _c(rf"{POS}(?:{WD},?\s+)?(?P<mon>{MON})\s+(?P<day>{DAY}),?\s+(?P<year>\d{{4}})(?!\d)", ranges=True), n_mdy, trigger=T_MON),
    Rule("dmy", _c(rf"{POS}(?:{WD},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MON}),?\s+(?P<year>\d{{4}})", ranges=True), n_mdy, trigger=T_MON),
    Rule("md", _c(rf"{POS}(?:(?P<det>last|next|this\s+past|this\s+coming)\s+)?(?:{WD},?\s+)?(?P<mon>{MON})\s+(?P<day>{DAY})(?!\s*(?:[,:]\s*)?\d){FWD_YEAR}", ranges=True), n_md, frozenset({"tense", "anchor"}), trigger=T_MON),
    Rule("md_second", _c(rf"(?P<mon>{MON})\s+{DAY}\s*(?:-|–|\band\b|\bor\b|\bto\b|\bthrough\b)\s*(?P<x>(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR4}))?)(?!\d|\s*(?:%|percent|per\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|people\b|of\b|million\b|billion\b|thousand\b|times\b))"), lambda g, c: (n_mdy if g.get("year") else n_md)(g, c), frozenset({"tense", "anchor"}), trigger=T_MON),
    Rule("dm", _c(rf"{POS}(?:{WD},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MON}){FWD_YEAR}", ranges=True), n_md, frozenset({"tense", "anchor"}), trigger=T_MON),
    Rule("my", _c(rf"{POS}(?P<mon>{MON}),?\s+(?:of\s+)?(?P<year>\d{{4}})", ranges=True), n_my, trigger=T_MON),
    Rule("month_rel_year", _c(rf"{POS}(?P<mon>{MON})\s+(?:of\s+)?(?P<det>this|last|next)\s+year"), n_month_rel_year, trigger=T_MON),
    Rule("week_of", _c(rf"the\s+week\s+of\s+(?:(?P<mon>{MON})\s+(?P<day>{DAY})|(?P<day2>{DAY})\s+(?P<mon2>{MON}))(?:,?\s+(?P<year>{YEAR4}))?"), lambda g, c: n_week_of({**g, "mon": g.get("mon") or g.get("mon2"), "day": g.get("day") or g.get("day2")}, c), frozenset({"tense", "anchor"}), trigger=T_MON),
    Rule("month_anaphoric_year", _c(rf"{POS}(?P<mon>{MON})(?:\s+(?P<day>{DAY}))?,?\s+of\s+(?P<det>that|the\s+same|this|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior)\s+year"), n_month_anaphoric_year, frozenset({"anchor"}), trigger=T_MON),
    Rule("part_of_date", _c(rf"(?:early\s+in\s+)?the\s+(?:early\s+|late\s+)?(?P<pod>{POD})(?:\s+hours)?\s+of\s+(?:{WD},?\s+)?(?:(?P<mon>{MON})\s+(?P<day>{DAY})|(?P<day2>{DAY})\s+(?P<mon2>{MON}))(?:,?\s+(?P<year>{YEAR4}))?"), lambda g, c: n_part_of_date({**g, "mon": g.get("mon") or g.get("mon2"), "day": g.get("day") or g.get("day2")}, c), frozenset({"tense", "anchor"}), trigger=T_MON),
    Rule("month", _c(rf"{PREP}(?P<x>{POS}(?:(?P<det>last|next|this|this\s+past|this\s+coming)\s+)?(?P<mon>{MON}))(?!\s+\d{{1,2}}\b){FWD_YEAR}", ranges=True), n_month, frozenset({"tense", "anchor"}), trigger=T_MON),
    # "the March accession", "the May elections": a month as a modifier; "the March on Rome" is a name
    Rule("month_attr", _c(r"(?-i:[Tt]he)\s+(?P<x>(?P<mon>(?-i:March|May)))(?=\s+(?-i:[a-z]))(?!\s+(?:on|of|to|for|from|through|into|across|against|toward|towards|and|or|was|is|were|are|will|would|has|had|have|did|does|do|may|might|can|could)\b)"),
         lambda g, c: n_month({**g, "pre": "the"}, c), frozenset({"tense", "anchor"}), trigger=_words("march may")),
    Rule("year", _c(rf"{PREP}(?P<x>{POS}(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<year>{YEAR4}))(?P<noun>\s*(?:%|percent\b)|\s+(?:of\b|(?!(?:was|has|is|as|this|his|its|saw|thus|always|across|whereas|towards|afterwards|besides|perhaps|unless|less)\b)[a-z]+s\b|men\b|people\b|feet\b|meters\b|metres\b|miles\b|km\b|kilometers\b|yards\b|tons\b|tonnes\b|times\b|hours\b))?", ranges=True), n_year, trigger=T_YEAR),
    Rule("pre_post_year", _c(rf"(?P<side>pre|post)-(?P<year>{YEAR4})"), n_pre_post_year, trigger=T_YEAR),
    Rule("bc", _c(rf"{POS}(?P<y>\d{{1,4}})\s*(?P<era>B\.?C\.?E?|A\.?D\.?)(?!\w)"), n_bc, trigger=T_NUMBER),
    Rule("decade", _c(rf"(?:the\s+)?{POS}(?:(?P<dec>1\d{{2}}0|20\d0)[’']?s|[’'](?P<dec2>\d0)s|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"), n_decade, trigger=T_DECADE),
    Rule("century", _c(rf"(?:the\s+)?{POS}(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]century(?:\s+(?P<bc>BC|B\.C\.|BCE))?"), n_century, trigger=_words("century")),
    Rule("season", _c(rf"{SEASON_PREP}(?P<x>{POS}(?:(?P<det>this|last|next|that|the|past|coming|previous)\s+)?(?<!\bto\s)(?<!\bhot\s)(?<!\bwill\s)(?<!\bcan\s)(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?)(?!\s+of\s+(?!\d))(?!\s+(?:up|from|back|into|forward|loose|open|water|rolls?)\b)"), n_season, frozenset({"tense", "anchor"}), trigger=_words("spring summer autumn fall winter")),
    Rule("quarter_ord", _c(rf"(?:the\s+(?=(?:fiscal[\s-])?(?:{QUARTER_ORD})\s))?(?:(?P<fiscal>fiscal)[\s-])?(?P<ord>{QUARTER_ORD})[\s-](?:fiscal[\s-])?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR4})|\s+(?P<year2>{YEAR4}))?"), n_quarter_ord, frozenset(), trigger=_words("quarter")),
    Rule("quarter_rel", _c(r"(?:the\s+(?:(?P<rel>latest|current|previous|past|last|next|coming|same|year-ago|year-earlier|recent|most\s+recent|comparable|prior|preceding|fiscal)\s+)?|(?P<rel2>this|last|next)\s+)quarter"), lambda g, c: n_quarter_rel({**g, "rel": g.get("rel") or g.get("rel2")}, c), frozenset({"quarter"}), trigger=_words("quarter")),
    Rule("latest_period", _c(r"the\s+(?:latest|most\s+recent)\s+period"), lambda g, c: n_quarter_rel({"rel": "same"}, c), frozenset({"quarter"}), trigger=_words("period")),
    Rule("fin_year", _c(r"(?P<pre>\b(?:for|in|during|throughout|(?:months|weeks|days|quarters?|half|part|rest|remainder|balance|course)\s+of)\s+)?(?P<x>the\s+(?:(?P<adj>full|fiscal|latest\s+fiscal|previous\s+fiscal|current\s+fiscal)\s+)?year)(?P<ended>\s+(?:ended|ending|that\s+ended|that\s+ends|to\s+date)\b)?(?![\s-]+(?:ago|earlier|before|after|\d|two|nineteen|of)\b)(?!['’])"), n_fin_year, trigger=_words("year")),
    Rule("period", _c(rf"(?:the\s+)?(?:(?P<year>{YEAR4})\s+(?:(?:fiscal\s+)?(?P<ord>{QUARTER_ORD})[\s-](?:fiscal\s+)?quarter|period|quarter)|(?:comparable\s+)?(?P<rel>year-ago|year-earlier|next\s+year's|last\s+year's|this\s+year's)\s+(?:(?P<ord2>{QUARTER_ORD})[\s-])?(?:quarter|period)|(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))|quarter\s+a\s+year\s+(?:ago|earlier))"), lambda g, c: n_period({**g, "ord": g.get("ord") or g.get("ord2")}, c), frozenset({"quarter"}), trigger=_words("quarter period")),
    Rule("year_ago_adj", _c(r"(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?P<noun>period|quarter|year|month))?"), n_year_ago_adj, frozenset({"quarter"}), trigger=_words("year")),
    Rule("rel_unit", _c(rf"(?P<span>\b(?:for|over|during|within|throughout)\s+)?(?P<x>{POS}(?P<det>this|last|next|past|previous|coming|current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+current|the\s+following|that|the\s+same|the\s+preceding|the\s+prior|this\s+past|this\s+coming|later\s+that|earlier\s+that)\s+(?P<unit>week|weekend|month|year|decade|century|fortnight|day))(?!\s+of\b)"), n_rel_unit, frozenset({"anchor"}), trigger=T_UNIT),
    Rule("ago", _c(rf"{APPROX}(?P<n>{NUMBER_WORD})[\s-]+(?P<unit>{UNIT})s?(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously|(?:before|after)(?=\s*(?:[.,;:!?)\n]|$)))"), n_ago, frozenset({"anchor", "quarter"}), trigger=T_UNIT),
    Rule("duration", _c(rf"(?P<rate>(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\s+(?:[a-z]+\s+)?[a-z]+s\s+(?=an?\s+{UNIT}\b(?!\s+(?:ago|earlier|later|before|after|from)\b)))?(?P<x>(?<!\d\s)(?<!\d%\s)(?<!million\s)(?<!billion\s)(?<!times\s)(?<!once\s)(?<!twice\s){APPROX}(?:the\s+(?:(?:past|last|next|first|coming|previous|preceding|following|final|remaining|latest|initial|entire|whole|full|year-earlier)\s+)?)?(?P<n>{NUMBER_WORD})(?P<frac>\s+1/2|\s*½|\s+and\s+a\s+half)?(?:\s+|-)(?:(?:full|straight|consecutive|long|more|additional|extra|calendar|business|working|bloody|hard)\s+)?(?P<unit>{UNIT}s?)(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so\b)?(?!\s+old\b|-old\b)(?!(?<=quarters)\s+of\b)(?!(?<=quarter)\s+of\b))"), n_duration, trigger=T_UNIT),
    Rule("duration_range", _c(rf"{APPROX}(?P<n>{NUMBER_WORD})(?:\s+(?:to|or)\s+|\s*[-–]\s*)(?:{NUMBER_WORD})[\s-]+(?P<unit>{UNIT}s?)"), n_duration, trigger=T_UNIT),
    Rule("unit_long", _c(rf"(?:(?P<n>{NUMBER_WORD})-)?(?P<unit>(?:hour|day|week|month|year|decade)s?|century|centuries)-long"), n_unit_long, trigger=T_UNIT),
    Rule("vague_duration", _c(r"(?:the\s+)?(?P<rel>coming|past|last|next|previous|recent)\s+(?:few\s+|several\s+|many\s+)?(?P<unit>(?:week|month|year|day|decade)s|centuries)"), n_vague_duration, trigger=T_UNIT),
    Rule("within_units", _c(r"(?P<pre>\b(?:within|for)\s+)(?P<x>(?P<unit>(?:hour|day|week|month|year)s))"), n_vague_duration, trigger=T_UNIT),
    Rule("ref", _c(r"(?P<w>former|recent|future|now|currently|current(?=\s+[a-z])(?!\s+(?:account|affairs|events)\b)|at\s+present|presently|nowadays|these\s+days|recently|lately|the\s+past(?!\s+(?:\w+\s+)?(?:centur|decade|year|month|week|day|quarter|hour|minute|summer|winter|spring|fall|autumn|season))|formerly|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future)(?![^\S\n]*(?:\n|$))(?!\s+(?:that|of)\b)"), n_ref, trigger=T_REF),
    Rule("dayrel", _c(rf"(?:(?P<pos>early|late)\s+)?(?P<w>today(?![’']s)|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|this|last)(?:\s+(?P<pod>{POD}))?"), n_dayrel, trigger=T_DAYREL),
    Rule("day_beside", _c(rf"(?:the\s+)?day\s+(?P<dir>before|after)\s+(?:(?P<det>last|next|this)\s+)?(?:(?P<wd>{WD})|(?P<mon>{MON})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR4}))?|(?P<h>{HOLIDAY}))(?!\s*,?\s*\d)"), n_day_beside, frozenset({"tense", "anchor"}), trigger=_words("day")),
    Rule("weekday", _c(rf"(?:(?P<det>last|next|this|this\s+past|this\s+coming|coming|past|the\s+previous|the\s+preceding|the\s+following|the\s+next)\s+)?(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?"), n_weekday, frozenset({"tense", "anchor"}), trigger=T_WD),
    Rule("the_weekend", _c(r"the\s+weekend"), n_the_weekend, frozenset({"tense"}), trigger=_words("weekend")),
    Rule("the_unit", _c(rf"{POS}the\s+(?:(?P<cur>current|present)\s+)?(?:fiscal\s+|calendar\s+)?(?P<unit>year|month)"), n_the_unit, frozenset({"anchor"}), trigger=_words("year month")),
    Rule("spoken_year", _c(r"(?:the\s+year\s+)?(?:two\s+thousand(?:\s+and)?(?P<thousand>(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)|(?P<head>eighteen|nineteen|twenty)[\s-](?P<tail>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))"), n_spoken_year, trigger=_words("thousand eighteen nineteen twenty")),
    Rule("weekday_set", _c(rf"(?P<wd>{WD})(?:s|\s+(?P<pod>{POD})s)"), n_weekday_set, trigger=T_WD),
    Rule("month_set", _c(rf"(?:every|each)\s+(?P<mon>{MON})"), lambda g, c: Norm("SET", f"XXXX-{_month(g['mon']):02d}"), trigger=T_MON),
    Rule("same_day", _c(r"(?:earlier|later)\s+in\s+the\s+day|(?P<night>overnight)(?!\s+(?:stays?|bags?|flights?|trains?|buses)\b)"), n_same_day, frozenset({"anchor"}), trigger=_words("day overnight")),
    Rule("next_pod", _c(rf"(?:(?P<pos>early|late)\s+)?(?P<det>the\s+next|the\s+following|the\s+previous|that)\s+(?P<pod>{POD})"), n_next_pod, frozenset({"anchor"}), trigger=T_POD),
    # a part of no day in particular ("at night", "night attacks", "daytime flights"); "the night", "Friday night",
    # "Christmas night", "$35 a night" are other things (see n_generic_pod)
    Rule("generic_pod", re.compile(r"(?<![\w-])(?:(?P<prev>[A-Za-z]{1,20})\s+)?(?P<x>(?-i:(?P<w>night(?:[\s-]?time)?|daytime)))(?![\w’']|\s+(?:of|before|after|when|that|in\s+which)\b|\s+(?:and|or)\s+day\b)(?:(?=\s+(?P<next>[a-z])))?"), n_generic_pod, trigger=_words("night daytime nighttime")),
    Rule("clock", _c(rf"{APPROX}(?:(?P<h>\d{{1,2}})(?:[:.](?P<min>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)|(?<!\bhigh\s)(?P<word>noon|midnight|midday))(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|MST|MDT|local\s+time))?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WD})|(?P<mon>{MON})\s+(?P<day>\d{{1,2}})))?"), lambda g, c: n_clock({**g, "h": g.get("h") or "0"}, c), frozenset({"tense", "anchor"}), trigger=T_CLOCK),
    Rule("clock_pod", _c(rf"(?P<lead>\b(?:at|by|until|till|before|after|from|since|to)\s+)?(?P<x>{APPROX}(?P<h>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?P<oclock>\s+o[’']clock)?\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+night))"), n_clock_pod, frozenset({"tense", "anchor"}), trigger=T_POD),
    Rule("set", _c(rf"(?<!the\s)(?<!average\s)(?<!%\s)(?<!percent\s)(?<!million\s)(?<!billion\s)(?P<freq>daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly|semiannually)(?!\s+(?-i:[A-Z]))|(?:every|each)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?(?P<unit>day|week|month|year|{POD}|weekend|{WD})s?"), n_set, trigger=T_SET),
    Rule("holiday", _c(rf"(?:(?P<det>last|next|this)\s+)?(?P<h>{HOLIDAY})(?P<week>\s+week)?(?:\s+(?P<year>{YEAR4}))?"), n_holiday, frozenset({"anchor", "tense"}), trigger=T_HOLIDAY),
)
