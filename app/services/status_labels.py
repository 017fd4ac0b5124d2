"""Applicant-facing labels (Arabic and French, the law's wording) for states, milestones and steps.

A complaint, an observation and a proposal (decree 2.17.265) are each called by their own
name: the complaint labels hold ``{ar}`` / ``{fr}`` / ``{fr_the}``, filled by ``for_kind``.
"""

from app.services.counted_nouns import day_count

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
        "head_upheld": {"ar": "أيد رئيس الهيئة الرفض: يمكن تقديم شكاية إلى لجنة الحق في الحصول على المعلومات",
                        "fr": "Refus confirmé par le chef de l'organisme : la CDAI peut être saisie"},
        "head_silent": {"ar": "لم يبت رئيس الهيئة في الشكاية داخل الأجل: يمكن تقديم شكاية إلى اللجنة",
                        "fr": "Pas de décision du chef de l'organisme dans le délai : la CDAI peut être saisie"},
        "at_cdai": {"ar": "شكاية لدى لجنة الحق في الحصول على المعلومات قيد الدراسة",
                    "fr": "Plainte devant la Commission du droit d'accès à l'information (CDAI) en cours"},
        "cdai_for_body": {"ar": "رفضت اللجنة الشكاية: يمكن الطعن أمام المحكمة الإدارية",
                          "fr": "La CDAI a donné raison à l'organisme : recours possible devant le tribunal administratif"},
        "cdai_silent": {"ar": "لم تبت اللجنة في الشكاية داخل الأجل: يمكن الطعن أمام المحكمة الإدارية",
                        "fr": "Pas de décision de la CDAI dans le délai : recours possible devant le tribunal administratif"},
        "in_court": {"ar": "طعن أمام المحكمة الإدارية قيد النظر", "fr": "Recours devant le tribunal administratif en cours"},
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
    "deem_head_silence": {"ar": "انقضاء أجل بت رئيس الهيئة دون قرار", "fr": "Délai du chef de l'organisme expiré sans décision"},
    "complain_to_cdai": {"ar": "شكاية إلى لجنة الحق في الحصول على المعلومات", "fr": "Plainte à la CDAI"},
    "record_cdai_decision": {"ar": "قرار لجنة الحق في الحصول على المعلومات", "fr": "Décision de la CDAI"},
    "deem_cdai_silence": {"ar": "انقضاء أجل بت اللجنة دون قرار", "fr": "Délai de la CDAI expiré sans décision"},
    "record_court_case": {"ar": "الطعن أمام المحكمة الإدارية", "fr": "Recours devant le tribunal administratif"},
    "record_judgment": {"ar": "حكم المحكمة الإدارية", "fr": "Jugement du tribunal administratif"},
    "lapse_remedy": {"ar": "انقضاء أجل الطعن دون ممارسته", "fr": "Délai de recours expiré sans recours"},
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
    "cdai_wait": {"ar": "تبت لجنة الحق في الحصول على المعلومات في شكايتكم في أجل أقصاه",
                  "fr": "La CDAI doit statuer sur votre plainte au plus tard le"},
    "court": {"ar": "يمكنكم الطعن أمام المحكمة الإدارية (المادة 21) إلى غاية",
              "fr": "Vous pouvez former un recours devant le tribunal administratif (art. 21) jusqu'au"},
    "court_wait": {"ar": "الطعن معروض على المحكمة الإدارية", "fr": "Le recours est pendant devant le tribunal administratif"},
    "wait": {"ar": "ينتظر الرد من الإدارة في أجل أقصاه", "fr": "La réponse de l'administration est attendue au plus tard le"},
    "rate_or_reopen": {"ar": "يمكنكم تقييم الرد أو طلب إعادة فتح {ar} مرة واحدة",
                       "fr": "Vous pouvez évaluer la réponse ou demander une fois la réouverture"},
}


def for_kind(label: dict, complaint_kind: str | None) -> dict:
    """``label`` (``{"ar": ..., "fr": ...}``) with the submission's own name filled in (a complaint by default)."""
    nouns = SUBMISSION_NOUNS.get(complaint_kind or "complaint", SUBMISSION_NOUNS["complaint"])
    return {lang: text.format(**nouns) for lang, text in label.items()}


# Why a request was inadmissible, as the applicant reads it (the reasons are workflows.statute's).
INADMISSIBLE_OUTCOME = {"ar": "الطلب غير مقبول", "fr": "Demande irrecevable"}


# A window that runs from the applicant's receipt of a letter not delivered yet (LAW.md §4.5):
# its length, and that it starts on receipt; no last date yet. ``{days}`` from workflows.statute.
ON_RECEIPT_STEPS = {
    "complain_to_head": {"ar": "يمكنكم تقديم شكاية إلى السيد رئيس مجلس الجهة (المادة 19) داخل أجل {days} "
                               "يبتدئ من تاريخ توصلكم بالجواب",
                         "fr": "Vous pouvez adresser une réclamation au Président du Conseil régional (art. 19) "
                               "dans un délai de {days} qui court à compter de la date de réception de la réponse"},
    "cdai": {"ar": "يمكنكم تقديم شكاية إلى لجنة الحق في الحصول على المعلومات (المادة 20) داخل أجل {days} "
                   "يبتدئ من تاريخ توصلكم بقرار رئيس الهيئة",
             "fr": "Vous pouvez saisir la Commission du droit d'accès à l'information (CDAI, art. 20) dans un délai "
                   "de {days} qui court à compter de la date de réception de la décision du chef de l'organisme"},
}


def days_label(rule) -> dict:
    """``20 يوم عمل`` / ``20 jours ouvrables`` (working) or ``30 يوما`` / ``30 jours`` (calendar) for a period,
    in the form its count takes (``app.services.counted_nouns``)."""
    return {lang: day_count(rule.days, rule.counting.value, lang) for lang in ("ar", "fr")}


def on_receipt_label(action: str, rule) -> dict:
    """The next step ``action`` whose window starts when the applicant receives the letter."""
    days = days_label(rule)
    return {lang: text.format(days=days[lang]) for lang, text in ON_RECEIPT_STEPS[action].items()}


def letter_label(kind: str, complaint_kind: str | None = None) -> dict:
    """A letter's name on the status page, a complaint's letters naming its kind."""
    return for_kind(LETTER_LABELS.get(kind, {"ar": kind, "fr": kind}), complaint_kind)


def next_step_label(action: str, complaint_kind: str | None = None) -> dict:
    """The next step's sentence (``NEXT_STEPS``), naming the submission's kind."""
    return for_kind(NEXT_STEPS[action], complaint_kind)
