"""The demo cases' lives: when each was received and what happened to it since.

Each scenario names an input of ``app/seed/examples.json`` and the steps fired on
it through ``app.services.cases`` at past instants (``app.seed.timing``), so every
state of both workflows is present, some cases fresh, some due soon, some overdue.
Actors are demo usernames (``app.seed.staff``), ``APPLICANT`` or ``SYSTEM`` (the
deadline sweep). The step ``rate`` is the complainant's rating (not a transition).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.seed.timing import When, after_due, cd, wd

APPLICANT = "applicant"
SYSTEM = None
IR, COMPLAINT = "information_request", "complaint"


@dataclass(frozen=True)
class Step:
    """One action on a demo case: at ``when``, ``actor`` fires ``trigger`` with ``payload``."""

    when: When
    trigger: str
    actor: str | None
    payload: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """A demo case: its input, its receipt, its steps, and the state it ends in.

    ``registered_by`` is the staff username who registered a counter/post/e-mail
    receipt (25 minutes after receipt), or None for the applicant on the portal.
    ``show_code`` prints the reference and access code for trying the status page.
    """

    key: str
    kind: str
    received: When
    registered_by: str | None
    steps: tuple[Step, ...]
    expect: str
    note: str
    show_code: bool = False


def assign(when: When, officer: str) -> Step:
    """The supervisor assigns the case to ``officer``."""
    return Step(when, "assign", "supervisor", {"officer": officer})


def answer(when: When, officer: str, outcome: str, text: str, grounds: tuple[str, ...] = (),
           withheld: tuple[tuple[str, str], ...] = ()) -> Step:
    """The designated officer answers a request: outcome, grounds and withheld parts (art. 18), reasons."""
    return Step(when, "answer", officer, {"outcome": outcome, "grounds": list(grounds), "text": text,
                                          "withheld": [{"part": p, "ground": g} for p, g in withheld]})


def reply(when: When, officer: str, text: str) -> Step:
    """The complaints officer answers a complaint."""
    return Step(when, "answer", officer, {"text": text})


INFORMATION_REQUESTS = (
    Scenario("october_minutes", IR, cd(1, "21:40"), None, (), "received",
             "fresh request on the portal, not yet assigned", show_code=True),
    Scenario("hakounia_school_safety", IR, wd(1, "09:10"), "officer", (
        assign(wd(1, "11:00"), "officer"),), "assigned",
        "urgent request (art. 17): 3 working days", show_code=True),
    Scenario("transport_contracts", IR, wd(18, "16:20"), None, (
        assign(wd(17, "09:30"), "officer2"),), "assigned", "due within the reminder window"),
    Scenario("boujdour_budget", IR, wd(15, "11:05"), "officer", (
        assign(wd(14, "09:15"), "officer"),
        answer(wd(6, "12:30"), "officer", "granted",
               "Veuillez trouver ci-joint le tableau des crédits du Programme de développement régional "
               "2022-2027 alloués à la province de Boujdour, ventilés par secteur "
               "(eau, routes, santé, éducation, économie sociale).")), "answered", "granted in full"),
    Scenario("sse_grants", IR, wd(19, "15:45"), None, (
        assign(wd(18, "10:00"), "officer2"),
        answer(wd(3, "11:20"), "officer2", "partly_granted",
               "La liste des associations bénéficiaires et le montant accordé à chacune vous sont communiqués. "
               "Les relevés d'identité bancaire et l'identité des membres des bureaux sont des données "
               "personnelles protégées et ne sont pas communiqués.", ("exception_art7",),
               (("Relevés d'identité bancaire des associations", "exception_art7"),
                ("Identité des membres des bureaux des associations", "exception_art7")))), "answered",
        "granted in part, ground art. 7 (personal data)"),
    Scenario("civil_society_minutes", IR, wd(12, "10:40"), "officer2", (
        assign(wd(11, "09:00"), "officer2"),
        answer(wd(2, "14:10"), "officer2", "refused",
               "Les procès-verbaux demandés ont été publiés sur le site officiel de la Région et sont "
               "affichés au siège du Conseil, où vous pouvez les consulter.", ("already_published",))),
        "answered", "refused (already published): the complaint to the head is open", show_code=True),
    Scenario("disability_schooling", IR, wd(16, "09:50"), "officer", (
        assign(wd(15, "10:30"), "officer"),
        answer(wd(7, "11:00"), "officer", "not_held",
               "لا تتوفر الجهة على هذه المعطيات؛ الجهة المختصة هي الأكاديمية الجهوية للتربية والتكوين "
               "لجهة العيون الساقية الحمراء.")), "answered", "not held (competent body named)"),
    Scenario("smara_programme_budget", IR, wd(25, "13:00"), None, (
        assign(wd(24, "09:40"), "officer2"),
        Step(after_due(), "deem_refusal", SYSTEM)), "deemed_refused",
        "no answer in 20 working days: deemed refusal (art. 19)", show_code=True),
    Scenario("parity_commission_report", IR, wd(30, "09:00"), "officer", (
        assign(wd(29, "10:15"), "officer"),
        answer(wd(14, "15:00"), "officer", "refused",
               "Le rapport annuel 2023 de la Commission est en cours de finalisation et n'a pas encore été "
               "adopté.", ("in_preparation",)),
        Step(wd(9, "18:30"), "complain_to_head", APPLICANT,
             {"text": "Je conteste ce refus : le rapport 2023 a été présenté en session."})), "appealed",
        "complaint to the head (the President) awaiting his decision"),
    Scenario("inspection_report", IR, wd(50, "10:20"), "officer", (
        assign(wd(49, "09:00"), "officer"),
        answer(wd(34, "12:00"), "officer", "refused",
               "التقرير المطلوب يتعلق ببحث إداري لا يزال سريا طبقا للمادة 7 من القانون رقم 31.13.",
               ("exception_art7",)),
        Step(wd(26, "17:45"), "complain_to_head", APPLICANT,
             {"text": "أطلب مراجعة قرار الرفض لأن البحث الإداري انتهى."}),
        Step(wd(13, "11:30"), "decide", "president",
             {"decision": "upheld", "text": "البحث الإداري لا يزال جاريا، والاستثناء المنصوص عليه في المادة 7 قائم."})), "head_upheld",
        "the head upheld the refusal: the CDAI window runs"),
    # The chain after the head of the body (arts. 20–21).
    Scenario("desalination_contract", IR, wd(40, "11:00"), None, (
        assign(wd(39, "09:15"), "officer"),
        answer(wd(25, "10:30"), "officer", "refused",
               "الاتفاقية تتضمن معطيات تجارية محمية تتعلق بالمنافسة الحرة.", ("exception_art7",)),
        Step(wd(20, "18:00"), "complain_to_head", APPLICANT, {"text": "أطلب على الأقل الملاحق المالية."}),
        Step(after_due(period="head_decision"), "deem_head_silence", SYSTEM)), "head_silent",
        "the head did not decide in time: the CDAI window runs from the day after", show_code=True),
    Scenario("fisheries_study", IR, wd(45, "09:30"), None, (
        assign(wd(44, "10:00"), "officer2"),
        answer(wd(35, "12:00"), "officer2", "refused",
               "L'étude n'a pas encore été réceptionnée définitivement par la Région.", ("in_preparation",)),
        Step(wd(30, "19:30"), "complain_to_head", APPLICANT, {"text": "Le rapport final a été présenté en session."}),
        Step(wd(20, "11:00"), "decide", "president",
             {"decision": "upheld", "text": "La réception définitive de l'étude n'a pas eu lieu."}),
        Step(wd(7, "10:00"), "complain_to_cdai", "supervisor",
             {"filed_on": wd(8), "cdai_reference": "CDAI-2026-0417"})), "at_cdai",
        "complaint to the CDAI: its decision period runs"),
    Scenario("housing_programme", IR, wd(80, "10:00"), "officer", (
        assign(wd(79, "09:00"), "officer"),
        answer(wd(70, "11:30"), "officer", "refused",
               "لائحة المستفيدين تتضمن معطيات ذات طابع شخصي.", ("exception_art7",)),
        Step(wd(65, "17:00"), "complain_to_head", APPLICANT, {"text": "أطلب المعايير على الأقل."}),
        Step(wd(55, "12:00"), "decide", "president",
             {"decision": "upheld", "text": "حماية المعطيات الشخصية للمستفيدين (المادة 7)."}),
        Step(wd(44, "10:00"), "complain_to_cdai", "supervisor",
             {"filed_on": wd(45), "cdai_reference": "CDAI-2026-0291"}),
        Step(wd(19, "10:00"), "record_cdai_decision", "supervisor",
             {"decided_on": wd(20), "decision": "for_body"})), "cdai_for_body",
        "the CDAI ruled for the body: the court window runs"),
    Scenario("airport_road_expropriation", IR, wd(80, "09:00"), None, (
        assign(wd(79, "09:45"), "officer2"),
        answer(wd(70, "15:00"), "officer2", "refused",
               "Les procès-verbaux relèvent d'une procédure judiciaire en cours.", ("exception_art7",)),
        Step(wd(65, "20:00"), "complain_to_head", APPLICANT, {"text": "La procédure est close depuis 2024."}),
        Step(wd(55, "11:00"), "decide", "president",
             {"decision": "upheld", "text": "Le secret de la procédure judiciaire demeure."}),
        Step(wd(44, "10:00"), "complain_to_cdai", "supervisor",
             {"filed_on": wd(45), "cdai_reference": "CDAI-2026-0288"}),
        Step(after_due(period="cdai_decision"), "deem_cdai_silence", SYSTEM)), "cdai_silent",
        "the CDAI did not decide in time: the court window runs"),
    Scenario("wind_farm_agreement", IR, wd(100, "10:00"), None, (
        assign(wd(99, "09:00"), "officer"),
        answer(wd(90, "11:00"), "officer", "refused",
               "الاتفاقية تتضمن أسرارا صناعية محمية.", ("exception_art7",)),
        Step(wd(85, "18:00"), "complain_to_head", APPLICANT, {"text": "أطلب العائدات المالية فقط."}),
        Step(wd(75, "12:00"), "decide", "president",
             {"decision": "upheld", "text": "حماية الملكية الصناعية (المادة 7)."}),
        Step(wd(64, "10:00"), "complain_to_cdai", "supervisor",
             {"filed_on": wd(65), "cdai_reference": "CDAI-2025-1180"}),
        Step(wd(44, "10:00"), "record_cdai_decision", "supervisor",
             {"decided_on": wd(45), "decision": "for_body"}),
        Step(wd(29, "10:00"), "record_court_case", "supervisor",
             {"filed_on": wd(30), "court_reference": "TA-AGA-2026-112"})), "in_court",
        "before the administrative court (art. 21)"),
    Scenario("tarfaya_sse_grants", IR, wd(45, "20:15"), None, (
        assign(wd(44, "09:20"), "officer2"),
        answer(wd(28, "10:45"), "officer2", "refused",
               "اللائحة النهائية للمستفيدين في طور الإعداد.", ("in_preparation",)),
        Step(wd(22, "19:00"), "complain_to_head", APPLICANT,
             {"text": "اللائحة صودق عليها في دورة المجلس، وأطلب الاطلاع عليها."}),
        Step(wd(14, "12:15"), "decide", "president",
             {"decision": "overturned", "text": "صودق على اللائحة: تسلم المعلومات إلى الطالب."})), "assigned",
        "the head overturned the refusal: back to the officer to deliver"),
    Scenario("srat_studies", IR, wd(22, "08:45"), "officer", (
        assign(wd(21, "09:10"), "officer"),
        Step(wd(4, "10:00"), "extend", "officer",
             {"reason": "Les annexes cartographiques sont volumineuses et doivent être numérisées."})),
        "assigned", "extended once by 20 working days (art. 16)"),
    Scenario("budget_2026", IR, wd(8, "12:00"), None, (
        assign(wd(7, "09:30"), "officer2"),
        Step(wd(5, "21:10"), "withdraw", APPLICANT,
             {"reason": "J'ai trouvé le budget sur le site de la Région."})), "closed", "withdrawn by the applicant"),
)

COMPLAINTS = (
    Scenario("agenda_online", COMPLAINT, cd(2, "19:05"), None, (), "received",
             "fresh proposal on the portal", show_code=True),
    Scenario("road_pk37", COMPLAINT, wd(14, "08:50"), "complaints", (
        assign(wd(13, "10:00"), "complaints2"),), "assigned", "road repair under investigation"),
    Scenario("cooperative_grant", COMPLAINT, wd(50, "10:15"), "complaints", (
        assign(wd(49, "09:30"), "complaints"),), "assigned", "overdue: 60 calendar days passed"),
    Scenario("association_grant", COMPLAINT, wd(30, "16:00"), None, (
        assign(wd(29, "09:00"), "complaints"),
        reply(wd(8, "11:40"), "complaints",
              "تم صرف الشطر الأول من المنحة بتاريخ اليوم بعد استكمال مسطرة التأشير من طرف الخازن الجهوي."),
        Step(wd(6, "20:30"), "rate", APPLICANT, {"rating": 4})), "answered", "answered and rated 4/5"),
    Scenario("road_foum_el_oued", COMPLAINT, wd(35, "18:20"), None, (
        assign(wd(34, "09:45"), "complaints2"),
        reply(wd(12, "10:30"), "complaints2",
              "Les travaux de réfection du tronçon sont programmés et l'entreprise a reçu l'ordre de service."),
        Step(wd(4, "19:15"), "reopen", APPLICANT,
             {"text": "Les nids-de-poule sont toujours là, aucun chantier n'a commencé."})), "assigned",
        "reopened once by the complainant"),
    Scenario("drinking_water", COMPLAINT, wd(10, "09:00"), "complaints", (
        assign(wd(9, "09:30"), "complaints"),
        Step(wd(8, "11:00"), "redirect", "complaints",
             {"competent_body": "المكتب الوطني للكهرباء والماء الصالح للشرب – قطاع الماء، الوكالة الإقليمية ببوجدور"})),
        "redirected", "outside the region's competence: redirected"),
    Scenario("registry_hours", COMPLAINT, wd(25, "11:30"), "complaints2", (
        assign(wd(24, "09:00"), "complaints2"),
        reply(wd(20, "10:00"), "complaints2",
              "شكرا على ملاحظتكم. تم تعليق لوحة بأوقات العمل، ومكتب الضبط مفتوح من 8:30 إلى 16:30."),
        Step(wd(10, "09:00"), "close", "complaints2")), "closed", "observation answered and closed"),
)

SCENARIOS = INFORMATION_REQUESTS + COMPLAINTS
