"""The Nafida Flask application: create_app() is a table of contents."""
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BASE_DIR, Config

MIGRATIONS_DIR = BASE_DIR / "migrations"


def create_app(config: type[Config] = Config) -> Flask:
    """Build the app. Connects nothing, migrates nothing, starts no thread."""
    config.check()
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_path=str(config.INSTANCE_DIR))
    app.config.from_object(config)
    if config.TRUSTED_PROXIES:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.TRUSTED_PROXIES, x_proto=config.TRUSTED_PROXIES)

    from app import auth, cli, database, errors, i18n
    from app.extensions import csrf, db, limiter, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    cli.init_app(app)
    errors.init_app(app)

    from app.views import admin, api, cases, portal, staff_auth

    app.register_blueprint(portal.bp)
    app.register_blueprint(staff_auth.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    return app
