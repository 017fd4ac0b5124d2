"""Language of the pages: Arabic by default (right-to-left), French on request."""
from flask import current_app, request, session

from app import normalise
from app.extensions import babel

RTL_LANGUAGES = {"ar"}


def select_locale() -> str:
    """``?lang=`` (remembered in the session), else the session's, else Arabic."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    return session.get("lang") if session.get("lang") in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app):
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_filter(normalise.isolate, "isolate")   # user text inside a plain-text e-mail

    @app.context_processor
    def language_context():
        from flask_babel import get_locale

        lang = str(get_locale() or "ar")
        return {"lang": lang, "dir": "rtl" if lang in RTL_LANGUAGES else "ltr"}
