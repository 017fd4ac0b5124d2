"""The database model, one module per aggregate."""
from app.models.user import User, Role, Unit  # noqa: F401
from app.models.party import Party  # noqa: F401
from app.models.case import Case, CaseKind  # noqa: F401
from app.models.clock import Clock, ClockStatus  # noqa: F401
from app.models.case_event import CaseEvent  # noqa: F401
from app.models.letter import Letter  # noqa: F401
from app.models.letter_delivery import LetterDelivery  # noqa: F401
from app.models.attachment import Attachment  # noqa: F401
from app.models.holiday import Holiday  # noqa: F401
from app.models.reference import ReferenceCounter  # noqa: F401
from app.models.notification import Notification  # noqa: F401
from app.models.message import Message, Sender  # noqa: F401
from app.models.released_document import ReleasedDocument  # noqa: F401
from app.models.letter_draft import LetterDraft  # noqa: F401
from app.models.text_module import TextModule  # noqa: F401
from app.models.api_token import ApiToken  # noqa: F401
from app.models.staff_session import StaffSession  # noqa: F401
from app.models.access_log import AccessLogEntry  # noqa: F401
from app.models.search import CaseSearchDocument  # noqa: F401
from app.models.tag import Tag  # noqa: F401
from app.models.case_note import CaseNote  # noqa: F401
from app.models.case_link import CaseLink  # noqa: F401
from app.models.unit_policy import UnitPolicy  # noqa: F401
from app.models import case_index  # noqa: F401  (derived list and search columns, kept on flush)
from app.models.complaint_category import ComplaintCategory  # noqa: F401
from app.models.statistics_snapshot import StatisticsSnapshot  # noqa: F401
from app.models.disclosure import Disclosure, DisclosureFile, RedactionBox  # noqa: F401
from app.models.recompute_job import RecomputeJob  # noqa: F401
