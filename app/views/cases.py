"""Blueprint 'cases'."""
from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/staff")
