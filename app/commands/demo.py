"""`flask demo …` commands."""
from flask.cli import AppGroup

group = AppGroup("demo", help="demo commands")
