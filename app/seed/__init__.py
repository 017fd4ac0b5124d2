"""Demo data for the Laâyoune-Sakia El Hamra Regional Council (`flask demo load`).

Everything is built through the services — accounts through
``app.services.staff_accounts``, cases through ``register_case`` and
``cases.fire`` at past instants — so states, clocks, letters and timelines are
exactly what the application would have produced.
"""
