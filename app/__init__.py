"""The Nafida Flask application: create_app() is a table of contents."""
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.secret_key import resolve as resolve_secret_key
from config import BASE_DIR, Config

MIGRATIONS_DIR = BASE_DIR / "migrations"


def create_app(config: type[Config] = Config) -> Flask:
    """Build the app. Connects nothing, migrates nothing, starts no thread."""
    config.check()
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_path=str(config.INSTANCE_DIR))
    app.config.from_object(config)
    app.config["SECRET_KEY"] = resolve_secret_key(config)   # never the published development key
    if config.TRUSTED_PROXIES:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.TRUSTED_PROXIES, x_proto=config.TRUSTED_PROXIES)

    from app import auth, cli, database, errors, form_errors, http_policy, i18n, url_converters
    from app.extensions import csrf, db, limiter, migrate
    from app.services import clock_facts

    url_converters.init_app(app)
    db.init_app(app)
    database.init_app(app)
    clock_facts.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    form_errors.init_app(app)
    auth.init_app(app)
    cli.init_app(app)
    errors.init_app(app)
    http_policy.init_app(app)

    from app.views import (admin, api, applicant_access, cases, portal, privacy, public_deadlines,
                           public_disclosures, public_statistics, staff_auth, staff_statistics, tokens)

    app.register_blueprint(portal.bp)
    app.register_blueprint(staff_auth.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(staff_statistics.bp)
    app.register_blueprint(public_statistics.bp)
    app.register_blueprint(public_disclosures.bp)
    app.register_blueprint(public_deadlines.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(applicant_access.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(tokens.bp)
    csrf.exempt(api.bp)
    return app
