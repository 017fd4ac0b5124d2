"""Cases built for the statistics tests: a year (2025) whose every figure is known in advance.

Information requests (receipt → what happened; working days counted as LAW.md §4):
  r1  Mon 2025-02-03 portal, granted Mon 02-17 ............. 10 WD, on time
  r2  Thu 2025-03-27 post, partly granted Mon 04-28 (due) .... 20 WD, on time, grounds art. 7 + in preparation
  r3  Fri 2025-06-06 portal, not held Wed 07-09 (due 07-08) .. 21 WD, late
  r4  Tue 2025-07-15 portal, deemed refusal Thu 08-14 ........ never answered
  r5  Mon 2025-10-27 urgent, refused Wed 10-29 ............... 2 WD, on time; complaint to the head, upheld
  r6  2025-01-01 00:30 Casablanca (2024-12-31 23:30 UTC), withdrawn by the applicant
  r7  Mon 2025-12-01 email, extended, still with the officer (in progress)
  r8  Mon 2025-09-01 portal, granted Tue 09-02 ................ 1 WD, on time
  out 2024-12-31 23:30 Casablanca (22:30 UTC): received in 2024, unassigned
Answered: 1, 2, 10, 20, 21 working days → median 10, mean 10.8.

Complaints:
  c1  Thu 2025-10-02 complaint/roads, answered 11-20 (49 days, within 60), rated 4
  c2  Mon 2025-03-03 observation/water (counter), answered 05-05 (63 days, beyond)
  c3  Sat 2025-05-10 proposal/roads, redirected to another body
  c4  Mon 2025-09-01 complaint/other, answered 09-11 (10 days), reopened: with the officer again
  c5  Mon 2025-08-04 complaint/roads, unassigned, unanswered after 60 days (overdue on 2025-12-10)
Answered: 10, 49, 63 days → median 49, mean 40.7.
"""
import copy
from datetime import datetime

from app.services.cases import fire, rate_answer
from tests.conftest import COMPLAINT, REQUEST

NOW = datetime(2025, 12, 10, 12, 0)     # UTC; 2025-12-10 in Casablanca


def at(day: str, hour: int = 9) -> datetime:
    """An instant (UTC) of ``day`` at ``hour``:00 UTC (10:00 or 09:00 in Casablanca)."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00")


def request_data(**changes):
    return {**copy.deepcopy(REQUEST), **changes}


def complaint_data(**changes):
    return {**copy.deepcopy(COMPLAINT), **changes}


def build_year(register, staff) -> dict:
    """Register and move the cases of the module docstring; returns them by name."""
    sup, officer, complaints, head = staff["supervisor"], staff["officer"], staff["complaints"], staff["head"]

    def request(day, hour=9, **kwargs):
        return register("information_request", received_at=at(day, hour), **kwargs).case

    def assign(case, day, who="officer"):
        fire(case, "assign", {"officer": who}, actor=sup, now=at(day, 8))

    def answer(case, day, outcome, grounds=(), hour=10):
        payload = {"outcome": outcome, "grounds": list(grounds), "text": "Réponse motivée."}
        if outcome == "partly_granted":   # each withheld part names its ground (art. 18)
            payload["withheld"] = [{"part": f"partie {n}", "ground": g} for n, g in enumerate(grounds, 1)]
        fire(case, "answer", payload, actor=officer, now=at(day, hour))

    cases = {}
    cases["r1"] = r1 = request("2025-02-03")
    assign(r1, "2025-02-04")
    answer(r1, "2025-02-17", "granted")
    cases["r2"] = r2 = request("2025-03-27", channel="post")
    assign(r2, "2025-03-28")
    answer(r2, "2025-04-28", "partly_granted", ("exception_art7", "in_preparation"))
    cases["r3"] = r3 = request("2025-06-06")
    assign(r3, "2025-06-10")
    answer(r3, "2025-07-09", "not_held")
    cases["r4"] = r4 = request("2025-07-15")
    assign(r4, "2025-07-16")
    fire(r4, "deem_refusal", now=at("2025-08-14", 0))
    cases["r5"] = r5 = register("information_request", request_data(urgent=True, urgency_reason="Sécurité."),
                                received_at=at("2025-10-27")).case
    assign(r5, "2025-10-27", )
    answer(r5, "2025-10-29", "refused", ("exception_art7",))
    fire(r5, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=at("2025-10-30"))
    fire(r5, "decide", {"decision": "upheld", "text": "Le refus est maintenu."}, actor=head, now=at("2025-11-05"))
    cases["r6"] = r6 = register("information_request", received_at=datetime(2024, 12, 31, 23, 30)).case
    fire(r6, "withdraw", {"reason": "Plus besoin."}, applicant=True, now=at("2025-01-02"))
    cases["r7"] = r7 = request("2025-12-01", channel="email")
    assign(r7, "2025-12-01")
    fire(r7, "extend", {"reason": "Documents volumineux."}, actor=officer, now=at("2025-12-05"))
    cases["r8"] = r8 = request("2025-09-01")
    assign(r8, "2025-09-01")
    answer(r8, "2025-09-02", "granted")
    cases["out"] = register("information_request", received_at=datetime(2024, 12, 31, 22, 30)).case

    def complaint(day, kind="complaint", category="roads", **kwargs):
        return register("complaint", complaint_data(kind=kind, category=category), received_at=at(day),
                        **kwargs).case

    def reply(case, day):
        assign(case, day, "complaints")
        fire(case, "answer", {"text": "Réponse."}, actor=complaints, now=at(day, 11))

    cases["c1"] = c1 = complaint("2025-10-02")
    reply(c1, "2025-11-20")
    rate_answer(c1, 4, now=at("2025-11-21"))
    cases["c2"] = c2 = complaint("2025-03-03", "observation", "water", channel="counter")
    reply(c2, "2025-05-05")
    cases["c3"] = c3 = complaint("2025-05-10", "proposal")
    fire(c3, "redirect", {"competent_body": "Agence urbaine"}, actor=sup, now=at("2025-05-12"))
    cases["c4"] = c4 = complaint("2025-09-01", category="other")
    reply(c4, "2025-09-11")
    fire(c4, "reopen", {"text": "Rien n'a changé."}, applicant=True, now=at("2025-09-15"))
    cases["c5"] = complaint("2025-08-04")
    return cases
