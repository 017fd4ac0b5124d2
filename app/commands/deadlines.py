"""`flask deadlines …` commands."""
from flask.cli import AppGroup

group = AppGroup("deadlines", help="deadlines commands")
