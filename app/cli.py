"""Command-line groups: `flask users|calendar|deadlines|scheduler|demo|reports …`."""


def init_app(app):
    from app.commands import calendar, deadlines, demo, reports, scheduler, users

    for module in (users, calendar, deadlines, scheduler, demo, reports):
        app.cli.add_command(module.group)
