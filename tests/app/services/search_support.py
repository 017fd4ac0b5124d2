"""Helpers for the search and list tests: cases with given names and texts."""
import copy
from datetime import datetime

from tests.conftest import COMPLAINT, REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)       # Mon 2025-10-27 → answer due Wed 2025-11-26


def request_data(first="سلمى", last="البناني", id_number="SH123456", text=None, **changes):
    data = copy.deepcopy(REQUEST)
    data["applicant"].update(first_name=first, last_name=last, id_number=id_number)
    if text:
        data["information_requested"] = text
    return {**data, **changes}


def complaint_data(first="Mina", last="Ouchen", subject=None, **changes):
    data = copy.deepcopy(COMPLAINT)
    data["complainant"].update(first_name=first, last_name=last)
    if subject:
        data["subject"] = subject
    return {**data, **changes}
