"""The database model, one module per aggregate."""
from app.models.user import User, Role, Unit  # noqa: F401
from app.models.party import Party  # noqa: F401
from app.models.case import Case, CaseKind  # noqa: F401
from app.models.clock import Clock, ClockStatus  # noqa: F401
from app.models.case_event import CaseEvent  # noqa: F401
from app.models.letter import Letter  # noqa: F401
from app.models.attachment import Attachment  # noqa: F401
from app.models.holiday import Holiday  # noqa: F401
from app.models.reference import ReferenceCounter  # noqa: F401
from app.models.notification import Notification  # noqa: F401
from app.models.recompute_job import RecomputeJob  # noqa: F401
