"""The law as data: every statutory period and refusal ground, each with its article.

This is the ONE place where a figure of Law No. 31.13 or of decree 2.17.265 is
written. Letters, the status page, the API and the tests refer to these names.
Figures marked ``confirm=True`` come from secondary sources (see shared LAW.md);
a legal officer can check and change them here.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Counting(str, Enum):
    """How a period is counted (LAW.md §4)."""

    WORKING = "working"      # working days, day 0 = start date (§4.2)
    CALENDAR = "calendar"    # calendar days, ends on start + N (§4.4)


class Party(str, Enum):
    """Who must act before the period ends."""

    BODY = "body"          # the administration: the due date is exact
    CITIZEN = "citizen"    # the applicant: a window ending on a non-working day stays open (§4.4)
    AUTHORITY = "authority"  # the CDAI or a court: the due date is exact, and nobody here is reminded


@dataclass(frozen=True)
class Period:
    """A statutory period: ``days`` counted per ``counting``, from a start date."""

    name: str
    days: int
    counting: Counting
    party: Party
    article: str
    label_ar: str
    label_fr: str
    confirm: bool = False


def _p(name, days, counting, party, article, ar, fr, confirm=False):
    return Period(name, days, counting, party, article, ar, fr, confirm)


W, C = Counting.WORKING, Counting.CALENDAR
BODY, CITIZEN, AUTHORITY = Party.BODY, Party.CITIZEN, Party.AUTHORITY

PERIODS: dict[str, Period] = {p.name: p for p in (
    _p("answer", 20, W, BODY, "16", "أجل الرد على الطلب", "délai de réponse à la demande"),
    _p("extension", 20, W, BODY, "16", "تمديد أجل الرد", "prorogation du délai de réponse"),
    _p("urgent_answer", 3, W, BODY, "17", "أجل الرد على الطلب المستعجل",
       "délai de réponse à la demande urgente", confirm=True),
    _p("urgent_extension", 3, W, BODY, "17", "تمديد أجل الرد على الطلب المستعجل",
       "prorogation du délai de la demande urgente", confirm=True),
    _p("complaint_to_head_window", 20, W, CITIZEN, "19", "أجل تقديم الشكاية إلى رئيس الهيئة",
       "délai pour réclamer auprès du chef de l'organisme", confirm=True),
    _p("head_decision", 15, W, BODY, "19", "أجل البت في الشكاية من طرف رئيس الهيئة",
       "délai de décision du chef de l'organisme", confirm=True),
    # Not fixed by the law: after the head overturns a refusal, the officer gets a
    # fresh answer period to deliver the information (a policy choice, art. 19).
    _p("delivery_after_overturn", 20, W, BODY, "19", "أجل تسليم المعلومات بعد قبول الشكاية",
       "délai de communication après réclamation accueillie", confirm=True),
    _p("cdai_window", 30, C, CITIZEN, "20", "أجل تقديم الشكاية إلى لجنة الحق في الحصول على المعلومات",
       "délai pour saisir la CDAI"),
    # Art. 20: the CDAI decides within 30 days of the complaint (figure to confirm).
    _p("cdai_decision", 30, C, AUTHORITY, "20", "أجل بت لجنة الحق في الحصول على المعلومات في الشكاية",
       "délai de décision de la CDAI", confirm=True),
    # Art. 21: the administrative court, within 60 days of the CDAI's decision or of the
    # expiry of its period (figure to confirm).
    _p("court_window", 60, C, CITIZEN, "21", "أجل الطعن أمام المحكمة الإدارية",
       "délai de recours devant le tribunal administratif", confirm=True),
    # Not fixed by the law: after the CDAI or a court rules for the applicant, the
    # officer gets a fresh answer period to deliver the information (a policy choice).
    _p("delivery_after_cdai", 20, W, BODY, "20", "أجل تسليم المعلومات بعد قرار اللجنة",
       "délai de communication après décision de la CDAI", confirm=True),
    _p("delivery_after_judgment", 20, W, BODY, "21", "أجل تسليم المعلومات بعد الحكم",
       "délai de communication après jugement", confirm=True),
    # A complaint, an observation or a proposal: the decree's periods name none of them.
    _p("complaint_acknowledgment", 15, C, BODY, "décret 2.17.265", "أجل الإشعار بالتوصل",
       "délai d'accusé de réception"),
    _p("complaint_answer", 60, C, BODY, "décret 2.17.265", "أجل الرد على المرتفق",
       "délai de réponse à l'usager"),
)}
# The periods the body must meet (reminders, overdue notices, the staff lists' deadline), by name.
BODY_PERIODS = tuple(sorted(name for name, rule in PERIODS.items() if rule.party is Party.BODY))


def period(name: str) -> Period:
    """Return the statutory period called ``name``.

    Raises:
        KeyError: no such period in ``PERIODS``.
    """
    return PERIODS[name]


class Outcome(str, Enum):
    """Outcome of an information request, separate from its workflow state (art. 18)."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    NOT_HELD = "not_held"
    WITHDRAWN = "withdrawn"
    INADMISSIBLE = "inadmissible"   # the request cannot be processed (``INADMISSIBILITY_REASONS``)


OUTCOMES_NEEDING_GROUNDS = frozenset({Outcome.PARTLY_GRANTED, Outcome.REFUSED})
ANSWER_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.NOT_HELD,
                             Outcome.INADMISSIBLE})
# Outcomes against which the applicant may complain to the head of the body (art. 19).
CONTESTABLE_OUTCOMES = frozenset({Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.NOT_HELD, Outcome.INADMISSIBLE})


@dataclass(frozen=True)
class Ground:
    """A ground of refusal from the CDAI list (art. 18), with the article it rests on."""

    code: str
    article: str
    label_ar: str
    label_fr: str


GROUNDS: dict[str, Ground] = {g.code: g for g in (
    Ground("not_held", "18", "المعلومات غير متوفرة لدى الهيئة",
           "l'information n'est pas détenue par l'organisme"),
    Ground("exception_art7", "7", "المعلومات مشمولة بأحد الاستثناءات المنصوص عليها في المادة 7",
           "l'information relève d'une exception prévue à l'article 7"),
    Ground("already_published", "18", "المعلومات سبق نشرها وهي متاحة للعموم",
           "l'information a déjà été publiée et est accessible au public"),
    Ground("repeated_request", "18", "تكرار نفس الطلب من نفس الشخص خلال نفس السنة بعد الرد عليه",
           "demande identique déjà satisfaite pour le même demandeur dans l'année"),
    Ground("unclear_request", "18", "الطلب غير واضح", "la demande n'est pas claire"),
    Ground("in_preparation", "18", "المعلومات في طور الإعداد", "l'information est en cours d'élaboration"),
    Ground("archived", "18", "المعلومات مودعة لدى أرشيف المغرب",
           "l'information a été déposée aux Archives du Maroc"),
)}

# Why a request is inadmissible (the inadmissible outcome, LAW.md §1), with the article it rests on.
INADMISSIBILITY_REASONS: dict[str, Ground] = {g.code: g for g in (
    Ground("not_entitled", "3–4", "صاحب الطلب ليس من الأشخاص الذين يحق لهم الحصول على المعلومات",
           "le demandeur n'est pas au nombre des personnes ayant droit d'accès à l'information"),
    Ground("missing_particulars", "14", "الطلب لا يتضمن البيانات الواجب ذكرها فيه",
           "la demande ne comporte pas les mentions obligatoires"),
    Ground("not_information_held", "2", "الطلب لا يتعلق بمعلومات في حوزة الهيئة",
           "la demande ne porte pas sur une information détenue par l'organisme"),
)}


class RemedyRuling(str, Enum):
    """The CDAI's decision on a complaint (art. 20), or a court's judgment (art. 21)."""

    FOR_APPLICANT = "for_applicant"   # the body must deliver the information
    FOR_BODY = "for_body"             # the refusal stands

# A request names the art. 14 fields and is acknowledged by a receipt (art. 14).
REQUEST_ARTICLE = "14"
# The body's answer must be written and reasoned (art. 18).
REFUSAL_ARTICLE = "18"
DEEMED_REFUSAL_ARTICLE = "19"
URGENCY_GROUNDS_ARTICLE = "17"
# Access is free; the applicant bears only the costs of copying, processing and sending (art. 5).
FEES_ARTICLE = "5"
# The forms of access the applicant may ask for (art. 14).
ACCESS_FORM_ARTICLE = "14"


class HeadDecision(str, Enum):
    """The head of the body's decision on a complaint against a refusal (art. 19)."""

    UPHELD = "upheld"          # the refusal stands
    OVERTURNED = "overturned"  # the information must be delivered


class AccessForm(str, Enum):
    """Preferred form of access (art. 14)."""

    CONSULTATION = "consultation"
    PAPER_COPY = "paper_copy"
    ELECTRONIC_COPY = "electronic_copy"


class ComplaintKind(str, Enum):
    """Kinds of submission under decree 2.17.265."""

    COMPLAINT = "complaint"
    OBSERVATION = "observation"
    PROPOSAL = "proposal"


class Channel(str, Enum):
    """Where a case was received (art. 14; decree 2.17.265)."""

    PORTAL = "portal"
    COUNTER = "counter"
    POST = "post"
    EMAIL = "email"
    NATIONAL_PORTAL = "national_portal"


# --- h9b-disclosure: proactive publication (art. 10) and the art. 7 exceptions a redaction rests on ---
# The body publishes proactively the information it holds (art. 10); what it publishes of an
# answer is redacted on the exceptions of art. 7, each box with its own ground.
PUBLICATION_ARTICLE = "10"

REDACTION_GROUNDS: dict[str, Ground] = {g.code: g for g in (
    Ground("personal_data", "7", "الحياة الخاصة والمعطيات ذات الطابع الشخصي",
           "la vie privée et les données à caractère personnel"),
    Ground("national_defence", "7", "الدفاع الوطني", "la défense nationale"),
    Ground("state_security", "7", "أمن الدولة الداخلي والخارجي", "la sûreté intérieure et extérieure de l'État"),
    Ground("fundamental_freedoms", "7", "الحقوق والحريات الأساسية المنصوص عليها في الدستور",
           "les libertés et droits fondamentaux protégés par la Constitution"),
    Ground("sources", "7", "حماية مصادر المعلومات", "la protection des sources d'information"),
    Ground("foreign_relations", "7", "العلاقات مع دولة أجنبية أو منظمة دولية",
           "les relations avec un État étranger ou une organisation internationale"),
    Ground("economic_policy", "7", "السياسة النقدية أو الاقتصادية أو المالية للدولة",
           "la politique monétaire, économique ou financière de l'État"),
    Ground("intellectual_property", "7", "حقوق الملكية الصناعية أو حقوق المؤلف والحقوق المجاورة",
           "la propriété industrielle, le droit d'auteur et les droits voisins"),
    Ground("victims_witnesses", "7", "حقوق ومصالح الضحايا والشهود والخبراء والمبلغين",
           "les droits et intérêts des victimes, témoins, experts et dénonciateurs"),
    Ground("deliberations", "7", "سرية مداولات المجلس الوزاري ومجلس الحكومة",
           "le secret des délibérations du Conseil des ministres et du Conseil de gouvernement"),
    Ground("investigations", "7", "سرية الأبحاث والتحريات الإدارية والمساطر القضائية",
           "le secret des enquêtes administratives et des procédures judiciaires"),
    Ground("competition", "7", "مبادئ المنافسة الحرة والمشروعة والمبادرة الخاصة",
           "la concurrence libre et loyale et l'initiative privée"),
)}


@dataclass(frozen=True)
class PublicationCategory:
    """A kind of information the body publishes proactively (art. 10)."""

    code: str
    label_ar: str
    label_fr: str


# Art. 10 lists what is published proactively "as far as possible"; the regional council's
# own deliberations are published under organic law 111.14 (art. 10's categories to confirm).
PUBLICATION_CATEGORIES: dict[str, PublicationCategory] = {c.code: c for c in (
    PublicationCategory("legal_texts", "النصوص التشريعية والتنظيمية", "Textes législatifs et réglementaires"),
    PublicationCategory("missions", "المهام والهياكل الإدارية ومعلومات الاتصال",
                        "Missions, structures administratives et coordonnées"),
    PublicationCategory("deliberations", "مقررات ومداولات المجلس", "Délibérations et décisions du conseil"),
    PublicationCategory("budget", "الميزانية والحسابات", "Budget et comptes"),
    PublicationCategory("programmes", "البرامج والمشاريع والأنشطة", "Programmes, projets et activités"),
    PublicationCategory("procurement", "الصفقات العمومية ونتائجها", "Marchés publics et leurs résultats"),
    PublicationCategory("recruitment", "مباريات التوظيف ونتائجها", "Concours de recrutement et résultats"),
    PublicationCategory("licences", "الرخص والتراخيص والامتيازات", "Licences, autorisations et concessions"),
    PublicationCategory("services", "الخدمات المقدمة للمرتفقين ومساطرها", "Services aux usagers et procédures"),
    PublicationCategory("reports", "التقارير والدراسات والإحصائيات", "Rapports, études et statistiques"),
    PublicationCategory("other", "أخرى", "Autres"),
)}
