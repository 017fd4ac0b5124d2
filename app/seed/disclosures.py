"""Demo entries of the disclosure log (art. 10): two answers published with reviewed summaries, one
document of the register. Loaded once with the demo cases."""
from __future__ import annotations

import hashlib
from datetime import datetime

import pymupdf

from app.models.user import User
from app.extensions import db
from app.services import proactive_register, publication
from app.services.attachments import Upload
from app.services.cases import get_case

# scenario key → (title, summary) an officer reviewed for the log.
SUMMARIES = {
    "boujdour_budget": ("اعتمادات برنامج التنمية الجهوية 2022-2027 المخصصة لإقليم بوجدور",
                        "طلب الاطلاع على توزيع اعتمادات برنامج التنمية الجهوية 2022-2027 المخصصة لإقليم بوجدور "
                        "حسب القطاعات (الماء، الطرق، الصحة، التعليم، الاقتصاد الاجتماعي)."),
    "sse_grants": ("Subventions aux associations de l'économie sociale et solidaire",
                   "Demande de la liste des associations bénéficiaires des subventions de l'économie sociale et "
                   "solidaire et du montant accordé à chacune."),
}
REGISTER = ("Budget du Conseil régional — exercice 2026", "Le budget voté par le Conseil en session d'octobre 2025, "
            "par chapitre et par programme.", "budget")


def seed_disclosures(references: dict[str, str], now: datetime) -> int:
    """Publish the demo answers of ``references`` (scenario key → reference) and one register document."""
    officer = db.session.execute(db.select(User).filter_by(username="officer")).scalar_one()
    published = 0
    for key, (title, summary) in SUMMARIES.items():
        if key in references:
            publication.publish(get_case(references[key]), officer, now=now, title=title, summary=summary)
            published += 1
    title, description, category = REGISTER
    data = _budget_pdf(title)
    upload = Upload("budget-2026.pdf", "application/pdf", ".pdf", data, hashlib.sha256(data).hexdigest())
    proactive_register.add_document(title, description, category, [upload], officer, now=now)
    return published + 1


def _budget_pdf(title: str) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 90), title, fontsize=14)
    lines = ("Chapitre 1 — Fonctionnement : 412 500 000 MAD", "Chapitre 2 — Investissement : 1 186 000 000 MAD",
             "Programme de développement régional : 640 000 000 MAD", "Eau et assainissement : 210 000 000 MAD",
             "Routes et pistes rurales : 188 000 000 MAD")
    for n, line in enumerate(lines):
        page.insert_text((72, 140 + 22 * n), line, fontsize=11)
    return doc.tobytes()
