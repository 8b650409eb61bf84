"""Hand-built Event records for the dashboard's pure modules (query, figures, export)."""
from __future__ import annotations

from datetime import date

from timeline.schema import Event

PUTIN, TRUMP, LUKASHENKO, UKRAINE, RUSSIA = "Q7747", "Q22686", "Q28224", "Q212", "Q159"
NAMES = {PUTIN: "Vladimir Putin", TRUMP: "Donald Trump", LUKASHENKO: "Alexander Lukashenko",
         UKRAINE: "Ukraine", RUSSIA: "Russia", "": ""}


def event(n: int, actor1: str = PUTIN, actor2: str = "", *, day: date | None = date(2025, 3, 13),
          end: date | None = None, precision: str = "day", event_type: str = "CONSULT", quad: int = 1,
          context: str = "", source: str = "AAP", sentence: str = "Putin met Lukashenko.",
          confidence: float = 0.8, location: str = "", lat: float | None = None, lon: float | None = None,
          date_text: str = "on Thursday") -> Event:
    return Event(
        event_id=f"e{n:03d}", article_id=f"a{n % 3}", source=source, url=None, published=date(2025, 3, 14),
        date_start=day, date_end=end or day, date_precision=precision, date_value=day.isoformat() if day else "",
        date_mod="", date_text=date_text, date_basis="explicit" if day else "unknown",
        actor1=actor1, actor1_name=NAMES[actor1], actor1_text=NAMES[actor1].split()[-1] if actor1 else "",
        actor2=actor2, actor2_name=NAMES[actor2], actor2_text=NAMES[actor2].split()[-1] if actor2 else "",
        event_type=event_type, mode="", quad_class=quad, context=context, trigger="meet", sentence=sentence,
        sent_start=0, sent_end=len(sentence), quote=False, location=location, lat=lat, lon=lon,
        confidence=confidence, reason="verb 'meet' with subject and object", cluster_id="",
    )


def sample() -> list[Event]:
    """Eight events covering every filter dimension; tests derive expected counts from this list."""
    return [
        event(1, PUTIN, LUKASHENKO, sentence="Putin held talks with Lukashenko in Moscow.", location="Moscow",
              lat=55.76, lon=37.62),
        event(2, PUTIN, TRUMP, event_type="AGREE", sentence="Putin agreed with Trump's proposal.", confidence=0.9),
        event(3, TRUMP, RUSSIA, day=date(2025, 3, 12), event_type="REQUEST", quad=1, source="BBC",
              sentence="Trump urged the Kremlin to agree.", location="Washington", lat=38.9, lon=-77.04),
        event(4, RUSSIA, UKRAINE, day=date(2022, 1, 1), end=date(2022, 12, 31), precision="year",
              event_type="ASSAULT", quad=4, context="historical", date_text="in 2022",
              sentence="Putin sent troops into Ukraine in 2022.", location="Ukraine", lat=49.0, lon=32.0),
        event(5, TRUMP, "", day=None, precision="unknown", event_type="COERCE", quad=4, context="future",
              sentence="Trump said he will halt the war.", confidence=0.5, date_text=""),
        event(6, PUTIN, TRUMP, event_type="CONSULT", context="hypothetical", source="Al Jazeera",
              sentence="Putin said he might call Trump.", confidence=0.4),
        event(7, RUSSIA, UKRAINE, day=date(2025, 3, 12), event_type="ASSAULT", quad=4, source="BBC",
              sentence="Russian forces <b>pushed</b> Ukraine out of Kursk.", location="Kursk", lat=51.73, lon=36.19),
        event(8, UKRAINE, RUSSIA, day=date(2025, 3, 1), end=date(2025, 3, 31), precision="month",
              event_type="REJECT", quad=3, context="negated", sentence="Ukraine did not reject the plan in March.",
              date_text="in March"),
    ]
