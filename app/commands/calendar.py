"""`flask calendar …` commands."""
from flask.cli import AppGroup

group = AppGroup("calendar", help="calendar commands")
