"""Blueprint 'staff_auth'."""
from flask import Blueprint

bp = Blueprint("staff_auth", __name__, url_prefix="/staff")
