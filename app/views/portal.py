"""Blueprint 'portal'."""
from flask import Blueprint

bp = Blueprint("portal", __name__)
