"""Applicant-facing labels (Arabic and French, the law's wording) for states, milestones and steps.

A complaint, an observation and a proposal (decree 2.17.265) are each called by their own
name: the complaint labels hold ``{ar}`` / ``{fr}`` / ``{fr_the}``, filled by ``for_kind``.
"""

# The decree's three kinds of submission, as the labels name them.
SUBMISSION_NOUNS = {
    "complaint": {"ar": "الشكاية", "fr": "Réclamation", "fr_the": "la réclamation"},
    "observation": {"ar": "الملاحظة", "fr": "Observation", "fr_the": "l'observation"},
    "proposal": {"ar": "الاقتراح", "fr": "Proposition", "fr_the": "la proposition"},
}

STATE_LABELS = {
    "information_request": {
        "received": {"ar": "تم التوصل بالطلب", "fr": "Demande reçue"},
        "assigned": {"ar": "الطلب قيد المعالجة لدى الشخص المكلف", "fr": "En cours de traitement par la personne désignée"},
        "answered": {"ar": "تم الرد على الطلب", "fr": "Réponse donnée"},
        "deemed_refused": {"ar": "انقضى أجل الرد دون جواب (يعتبر رفضا)", "fr": "Délai expiré sans réponse (refus implicite)"},
        "appealed": {"ar": "شكاية لدى رئيس الهيئة قيد الدراسة", "fr": "Réclamation auprès du chef de l'organisme en cours"},
        "closed": {"ar": "ملف مغلق", "fr": "Dossier clôturé"},
    },
    "complaint": {
        "received": {"ar": "تم التوصل ب{ar}", "fr": "{fr} reçue"},
        "assigned": {"ar": "{ar} قيد المعالجة", "fr": "{fr} en cours de traitement"},
        "answered": {"ar": "تم الرد على {ar}", "fr": "Réponse donnée"},
        "redirected": {"ar": "تمت إحالة {ar} على الجهة المختصة", "fr": "{fr} transmise à l'organisme compétent"},
        "closed": {"ar": "ملف مغلق", "fr": "Dossier clôturé"},
    },
}

WITHDRAWN_LABEL = {"ar": "سحب صاحب الطلب طلبه", "fr": "Retiré par le demandeur"}

MILESTONE_LABELS = {
    "receive": {"ar": "التوصل", "fr": "Réception"},
    "assign": {"ar": "الإسناد إلى الشخص المكلف", "fr": "Attribution à la personne désignée"},
    "extend": {"ar": "تمديد أجل الرد", "fr": "Prorogation du délai"},
    "answer": {"ar": "الرد", "fr": "Réponse"},
    "deem_refusal": {"ar": "انقضاء أجل الرد دون جواب", "fr": "Expiration du délai sans réponse"},
    "complain_to_head": {"ar": "شكاية إلى رئيس الهيئة", "fr": "Réclamation auprès du chef de l'organisme"},
    "decide": {"ar": "قرار رئيس الهيئة", "fr": "Décision du chef de l'organisme"},
    "redirect": {"ar": "الإحالة على الجهة المختصة", "fr": "Transmission à l'organisme compétent"},
    "reopen": {"ar": "إعادة فتح {ar}", "fr": "Réouverture"},
    "withdraw": {"ar": "سحب الطلب", "fr": "Retrait"},
    "close": {"ar": "إغلاق الملف", "fr": "Clôture"},
    "take": {"ar": "الإسناد إلى الشخص المكلف", "fr": "Attribution à la personne désignée"},
    "rule_not_urgent": {"ar": "عدم اعتبار الطلب مستعجلا (المادة 17)", "fr": "Demande non traitée comme urgente (art. 17)"},
}

LETTER_LABELS = {
    "acknowledgment": {"ar": "وصل الإيداع", "fr": "Accusé de réception"},
    "extension_notice": {"ar": "إشعار بتمديد أجل الرد", "fr": "Avis de prorogation du délai"},
    "answer": {"ar": "الرد على الطلب", "fr": "Réponse à la demande"},
    "head_complaint_acknowledgment": {"ar": "الإشعار بالتوصل بالشكاية إلى رئيس الهيئة",
                                      "fr": "Accusé de réception de la réclamation"},
    "head_decision": {"ar": "قرار رئيس الهيئة", "fr": "Décision du chef de l'organisme"},
    "complaint_answer": {"ar": "الرد على {ar}", "fr": "Réponse à {fr_the}"},
    "redirection_notice": {"ar": "إشعار بإحالة {ar} على الجهة المختصة", "fr": "Avis de transmission"},
    "not_urgent_notice": {"ar": "إشعار بعدم اعتبار الطلب مستعجلا", "fr": "Avis : demande non traitée comme urgente"},
}

NEXT_STEPS = {
    "complain_to_head": {"ar": "يمكنكم تقديم شكاية إلى السيد رئيس مجلس الجهة (المادة 19) إلى غاية",
                         "fr": "Vous pouvez adresser une réclamation au Président du Conseil régional (art. 19) jusqu'au"},
    "cdai": {"ar": "يمكنكم تقديم شكاية إلى لجنة الحق في الحصول على المعلومات (المادة 20) إلى غاية",
             "fr": "Vous pouvez saisir la Commission du droit d'accès à l'information (CDAI, art. 20) jusqu'au"},
    "wait": {"ar": "ينتظر الرد من الإدارة في أجل أقصاه", "fr": "La réponse de l'administration est attendue au plus tard le"},
    "rate_or_reopen": {"ar": "يمكنكم تقييم الرد أو طلب إعادة فتح {ar} مرة واحدة",
                       "fr": "Vous pouvez évaluer la réponse ou demander une fois la réouverture"},
}


def for_kind(label: dict, complaint_kind: str | None) -> dict:
    """``label`` (``{"ar": ..., "fr": ...}``) with the submission's own name filled in (a complaint by default)."""
    nouns = SUBMISSION_NOUNS.get(complaint_kind or "complaint", SUBMISSION_NOUNS["complaint"])
    return {lang: text.format(**nouns) for lang, text in label.items()}


def letter_label(kind: str, complaint_kind: str | None = None) -> dict:
    """A letter's name on the status page, a complaint's letters naming its kind."""
    return for_kind(LETTER_LABELS.get(kind, {"ar": kind, "fr": kind}), complaint_kind)


def next_step_label(action: str, complaint_kind: str | None = None) -> dict:
    """The next step's sentence (``NEXT_STEPS``), naming the submission's kind."""
    return for_kind(NEXT_STEPS[action], complaint_kind)
