"""Every figure the statistics publish, defined once: id, labels and definition in Arabic and French.

This table is what the staff page, the API, the annual reports and the public page
show, and it is the open-data dictionary (``/statistics.json``). A figure is about
the cases **received** in the period (receipt date in Africa/Casablanca, LAW.md
§4.1), as they stand when the figures are computed; the workload is the only
figure about "now" rather than a period.

``keys`` names the family of a breakdown's keys (``None`` for a single number).
``parent`` and ``relation`` say how a count adds up, which the small-count rule
needs (``disclosure.py``): a ``partition`` breakdown sums to its parent, a
``subset`` count is part of it (the rest, parent minus count, can be derived).
A parent ``"indicator:key"`` is one cell of another breakdown.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """One published figure (see the module docstring)."""

    id: str
    unit: str                 # count | working_days | days | rating
    keys: str | None
    parent: str | None
    relation: str | None      # partition | subset | None
    public: bool
    label_ar: str
    label_fr: str
    definition_ar: str
    definition_fr: str

    @property
    def scope(self) -> str:
        """``requests``, ``complaints``, ``cases`` or ``workload``."""
        return self.id.split(".", 1)[0]

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_ar

    def definition(self, lang: str) -> str:
        return self.definition_fr if lang == "fr" else self.definition_ar


P, S = "partition", "subset"
RQ, CP = "requests.received", "complaints.received"

INDICATORS: dict[str, Indicator] = {i.id: i for i in (
    Indicator("cases.received", "count", None, None, None, False,
              "مجموع الملفات المتوصل بها", "Total des dossiers reçus",
              "طلبات الحصول على المعلومات والشكايات والملاحظات والاقتراحات التي يقع تاريخ التوصل بها (بتوقيت الدار البيضاء) داخل الفترة.",
              "Demandes d'accès à l'information et réclamations, observations et propositions dont la date de réception (heure de Casablanca) tombe dans la période."),
    Indicator("cases.by_kind", "count", "kind", "cases.received", P, False,
              "الملفات حسب النوع", "Dossiers par type",
              "الملفات المتوصل بها موزعة بين طلبات الحصول على المعلومات (القانون 31.13) والشكايات (المرسوم 2.17.265).",
              "Dossiers reçus répartis entre demandes d'accès à l'information (loi 31.13) et réclamations (décret 2.17.265)."),
    # Access to information (Law 31.13)
    Indicator(RQ, "count", None, None, None, True,
              "طلبات الحصول على المعلومات المتوصل بها", "Demandes d'accès à l'information reçues",
              "الطلبات التي يقع تاريخ التوصل بها داخل الفترة، أيا كانت قناة إيداعها (المادة 14).",
              "Demandes dont la date de réception tombe dans la période, quel que soit le canal de dépôt (art. 14)."),
    Indicator("requests.by_channel", "count", "channel", RQ, P, True,
              "الطلبات حسب قناة الإيداع", "Demandes par canal de dépôt",
              "الطلبات المتوصل بها موزعة حسب القناة: البوابة، الإيداع المباشر، البريد، البريد الإلكتروني، البوابة الوطنية.",
              "Demandes reçues par canal : portail, guichet, courrier, courrier électronique, portail national."),
    Indicator("requests.by_month", "count", "month", RQ, P, True,
              "الطلبات حسب شهر التوصل", "Demandes par mois de réception",
              "الطلبات المتوصل بها موزعة حسب شهر تاريخ التوصل.",
              "Demandes reçues réparties selon le mois de leur date de réception."),
    Indicator("requests.by_type", "count", "type", RQ, P, True,
              "الطلبات العادية والمستعجلة", "Demandes ordinaires et urgentes",
              "الطلبات كما قدمها أصحابها: عادية، أو مستعجلة لتعلقها بحياة الأشخاص أو سلامتهم أو حريتهم (المادة 17).",
              "Demandes telles que présentées : ordinaires, ou urgentes parce qu'elles touchent la vie, la sécurité ou la liberté des personnes (art. 17)."),
    Indicator("requests.by_state", "count", "state", RQ, P, False,
              "الطلبات حسب وضعيتها الحالية", "Demandes par état actuel",
              "الطلبات المتوصل بها موزعة حسب وضعيتها في مسطرة المعالجة يوم احتساب الأرقام.",
              "Demandes reçues selon leur état dans la procédure au jour du calcul."),
    Indicator("requests.by_status", "count", "status", RQ, P, True,
              "الطلبات المعالجة وقيد المعالجة", "Demandes traitées et en cours",
              "تم الرد: صدر رد أول على الطلب. رفض ضمني: انقضى الأجل دون رد ولم يصدر رد بعده (المادة 19). سحب: سحبه صاحبه قبل أي رد. قيد المعالجة: الباقي.",
              "Répondues : une première réponse a été donnée. Refus implicite : le délai a expiré sans réponse, et aucune n'a suivi (art. 19). Retirées : retirées avant toute réponse. En cours : les autres."),
    Indicator("requests.by_outcome", "count", "outcome", "requests.by_status:answered", P, True,
              "الردود حسب مآلها", "Réponses par issue",
              "الطلبات التي تم الرد عليها حسب مآل آخر رد: منح كلي، منح جزئي، رفض، معلومات غير متوفرة (المادة 18).",
              "Demandes répondues selon l'issue de la dernière réponse : accordée, accordée en partie, refusée, information non détenue (art. 18)."),
    Indicator("requests.timeliness", "count", "timeliness", "requests.by_status:answered", P, True,
              "الردود داخل الأجل وخارجه", "Réponses dans le délai et hors délai",
              "الطلبات التي تم الرد عليها: داخل الأجل إذا صدر الرد الأول في آخر يوم من أجل الرد الجاري أو قبله (20 يوم عمل، أو 3 للطلب المستعجل، مع التمديد إن وقع، المادتان 16 و17)، وإلا فخارج الأجل.",
              "Demandes répondues : dans le délai si la première réponse est intervenue au plus tard le dernier jour du délai en cours (20 jours ouvrables, 3 pour une demande urgente, prorogation comprise, art. 16 et 17), sinon hors délai."),
    Indicator("requests.deemed_refusals", "count", None, RQ, S, True,
              "حالات الرفض الضمني", "Refus implicites",
              "الطلبات التي انقضى أجل الرد عليها دون رد فاعتبر ذلك رفضا (المادة 19)، ولو صدر رد بعد ذلك.",
              "Demandes dont le délai de réponse a expiré sans réponse, ce qui vaut refus (art. 19), même si une réponse a suivi."),
    Indicator("requests.extended", "count", None, RQ, S, True,
              "الطلبات التي مدد أجل الرد عليها", "Demandes dont le délai a été prorogé",
              "الطلبات التي مدد أجل الرد عليها مرة واحدة بإشعار معلل (المادتان 16 و17).",
              "Demandes dont le délai de réponse a été prorogé une fois par avis motivé (art. 16 et 17)."),
    Indicator("requests.grounds", "count", "ground", None, None, False,
              "أسباب الرفض المعتمدة", "Motifs de refus invoqués",
              "عدد الطلبات التي تم الرد عليها والتي استند ردها إلى كل سبب من أسباب الرفض (المادتان 7 و18)؛ قد يستند الرد الواحد إلى أكثر من سبب.",
              "Nombre de demandes répondues dont la réponse invoque chaque motif de refus (art. 7 et 18) ; une réponse peut en invoquer plusieurs."),
    Indicator("requests.answer_days_median", "working_days", None, None, None, True,
              "الوسيط الزمني للرد (أيام عمل)", "Délai médian de réponse (jours ouvrables)",
              "وسيط عدد أيام العمل بين تاريخ التوصل (اليوم 0) وتاريخ الرد الأول، على الطلبات التي تم الرد عليها؛ لا ينشر إذا قل عددها عن 5.",
              "Médiane du nombre de jours ouvrables entre la réception (jour 0) et la première réponse, sur les demandes répondues ; non publiée sous 5 réponses."),
    Indicator("requests.answer_days_mean", "working_days", None, None, None, True,
              "متوسط مدة الرد (أيام عمل)", "Délai moyen de réponse (jours ouvrables)",
              "متوسط عدد أيام العمل بين تاريخ التوصل (اليوم 0) وتاريخ الرد الأول، على الطلبات التي تم الرد عليها؛ لا ينشر إذا قل عددها عن 5.",
              "Moyenne du nombre de jours ouvrables entre la réception (jour 0) et la première réponse, sur les demandes répondues ; non publiée sous 5 réponses."),
    Indicator("requests.head_complaints", "count", None, RQ, S, True,
              "الشكايات إلى رئيس الهيئة", "Réclamations auprès du chef de l'organisme",
              "الطلبات التي قدم أصحابها شكاية إلى رئيس الهيئة (المادة 19).",
              "Demandes dont l'auteur a saisi le chef de l'organisme d'une réclamation (art. 19)."),
    Indicator("requests.head_decisions", "count", "decision", None, None, False,
              "قرارات رئيس الهيئة", "Décisions du chef de l'organisme",
              "الطلبات التي بت رئيس الهيئة في الشكاية بشأنها، حسب القرار: تأييد الرفض أو إلغاؤه (المادة 19).",
              "Demandes sur lesquelles le chef de l'organisme a statué, selon la décision : refus maintenu ou infirmé (art. 19)."),
    Indicator("requests.head_silences", "count", None, None, None, False,
              "شكايات لم يبت فيها رئيس الهيئة داخل الأجل", "Réclamations restées sans décision du chef",
              "الطلبات التي انقضى بشأنها أجل بت رئيس الهيئة دون قرار (المادة 20).",
              "Demandes pour lesquelles le délai de décision du chef de l'organisme a expiré sans décision (art. 20)."),
    Indicator("requests.cdai_complaints", "count", None, RQ, S, True,
              "الشكايات إلى لجنة الحق في الحصول على المعلومات", "Plaintes à la CDAI",
              "الطلبات التي قدم أصحابها شكاية إلى لجنة الحق في الحصول على المعلومات (المادة 20).",
              "Demandes dont l'auteur a saisi la Commission du droit d'accès à l'information (art. 20)."),
    Indicator("requests.cdai_decisions", "count", "ruling", None, None, False,
              "قرارات اللجنة", "Décisions de la CDAI",
              "الطلبات التي بتت فيها اللجنة، حسب القرار: لصالح صاحب الطلب أو لصالح الهيئة (المادة 20).",
              "Demandes sur lesquelles la CDAI a statué, en faveur du demandeur ou de l'organisme (art. 20)."),
    Indicator("requests.cdai_silences", "count", None, None, None, False,
              "شكايات لم تبت فيها اللجنة داخل الأجل", "Plaintes restées sans décision de la CDAI",
              "الطلبات التي انقضى بشأنها أجل بت اللجنة دون قرار (المادة 21).",
              "Demandes pour lesquelles le délai de décision de la CDAI a expiré sans décision (art. 21)."),
    Indicator("requests.court_cases", "count", None, RQ, S, True,
              "الطعون أمام المحكمة الإدارية", "Recours devant le tribunal administratif",
              "الطلبات التي رفع أصحابها دعوى أمام المحكمة الإدارية (المادة 21).",
              "Demandes dont l'auteur a saisi le tribunal administratif (art. 21)."),
    Indicator("requests.court_judgments", "count", "ruling", None, None, False,
              "الأحكام الصادرة", "Jugements rendus",
              "الطلبات التي صدر فيها حكم، حسب منطوقه: لصالح صاحب الطلب أو لصالح الهيئة (المادة 21).",
              "Demandes ayant donné lieu à un jugement, en faveur du demandeur ou de l'organisme (art. 21)."),
    # Complaints, observations and proposals (decree 2.17.265)
    Indicator(CP, "count", None, None, None, True,
              "الشكايات والملاحظات والاقتراحات المتوصل بها", "Réclamations, observations et propositions reçues",
              "ما توصل به المجلس داخل الفترة من شكايات وملاحظات واقتراحات (المرسوم 2.17.265).",
              "Réclamations, observations et propositions reçues dans la période (décret 2.17.265)."),
    Indicator("complaints.by_channel", "count", "channel", CP, P, True,
              "الشكايات حسب قناة الإيداع", "Réclamations par canal de dépôt",
              "الشكايات المتوصل بها موزعة حسب قناة الإيداع.",
              "Réclamations reçues par canal de dépôt."),
    Indicator("complaints.by_month", "count", "month", CP, P, True,
              "الشكايات حسب شهر التوصل", "Réclamations par mois de réception",
              "الشكايات المتوصل بها موزعة حسب شهر تاريخ التوصل.",
              "Réclamations reçues selon le mois de leur date de réception."),
    Indicator("complaints.by_kind", "count", "complaint_kind", CP, P, True,
              "الشكايات والملاحظات والاقتراحات", "Réclamations, observations et propositions",
              "ما تم التوصل به موزعا بين شكاية وملاحظة واقتراح.",
              "Ce qui a été reçu, réparti entre réclamation, observation et proposition."),
    Indicator("complaints.by_category", "count", "category", CP, P, True,
              "الشكايات حسب المجال", "Réclamations par domaine",
              "الشكايات المتوصل بها موزعة حسب مجالها كما حدد عند الإيداع أو صححته المصلحة.",
              "Réclamations reçues selon leur domaine, choisi au dépôt ou corrigé par le service."),
    Indicator("complaints.by_state", "count", "state", CP, P, False,
              "الشكايات حسب وضعيتها الحالية", "Réclamations par état actuel",
              "الشكايات المتوصل بها موزعة حسب وضعيتها يوم احتساب الأرقام.",
              "Réclamations reçues selon leur état au jour du calcul."),
    Indicator("complaints.by_status", "count", "status", CP, P, True,
              "الشكايات المعالجة وقيد المعالجة", "Réclamations traitées et en cours",
              "تم الرد: صدر رد أول. أحيلت: خارج اختصاص المجلس فأحيلت على الجهة المختصة. سحبت: سحبها صاحبها قبل أي رد. قيد المعالجة: الباقي.",
              "Répondues : une première réponse a été donnée. Transmises : hors de la compétence du Conseil, transmises à l'organisme compétent. Retirées : retirées avant toute réponse. En cours : les autres."),
    Indicator("complaints.timeliness", "count", "complaint_timeliness", "complaints.by_status:answered", P, True,
              "الردود داخل أجل 60 يوما وخارجه", "Réponses dans les 60 jours et au-delà",
              "الشكايات التي تم الرد عليها: داخل الأجل إذا صدر الرد الأول داخل 60 يوما من التوصل (المرسوم 2.17.265)، وإلا فخارجه.",
              "Réclamations répondues : dans le délai si la première réponse est intervenue dans les 60 jours de la réception (décret 2.17.265), sinon au-delà."),
    Indicator("complaints.overdue", "count", None, "complaints.by_status:in_progress", S, False,
              "شكايات تجاوزت 60 يوما دون رد", "Réclamations sans réponse après 60 jours",
              "الشكايات قيد المعالجة التي انقضى على التوصل بها أكثر من 60 يوما دون رد.",
              "Réclamations en cours reçues il y a plus de 60 jours et toujours sans réponse."),
    Indicator("complaints.answer_days_median", "days", None, None, None, True,
              "الوسيط الزمني للرد (أيام)", "Délai médian de réponse (jours)",
              "وسيط عدد الأيام بين التوصل والرد الأول، على الشكايات التي تم الرد عليها؛ لا ينشر إذا قل عددها عن 5.",
              "Médiane du nombre de jours entre la réception et la première réponse, sur les réclamations répondues ; non publiée sous 5 réponses."),
    Indicator("complaints.answer_days_mean", "days", None, None, None, True,
              "متوسط مدة الرد (أيام)", "Délai moyen de réponse (jours)",
              "متوسط عدد الأيام بين التوصل والرد الأول، على الشكايات التي تم الرد عليها؛ لا ينشر إذا قل عددها عن 5.",
              "Moyenne du nombre de jours entre la réception et la première réponse, sur les réclamations répondues ; non publiée sous 5 réponses."),
    Indicator("complaints.rated", "count", None, "complaints.by_status:answered", S, True,
              "الردود التي قيمها أصحابها", "Réponses évaluées par leurs auteurs",
              "الشكايات التي منح أصحابها تقييما للرد (من 1 إلى 5).",
              "Réclamations dont l'auteur a noté la réponse (de 1 à 5)."),
    Indicator("complaints.ratings", "count", "rating", "complaints.rated", P, True,
              "درجة الرضا عن الرد", "Satisfaction quant à la réponse",
              "التقييمات الممنوحة للردود، من 1 (ضعيف) إلى 5 (جيد جدا).",
              "Notes données aux réponses, de 1 (insuffisant) à 5 (très bien)."),
    Indicator("complaints.rating_mean", "rating", None, None, None, True,
              "متوسط التقييم", "Note moyenne",
              "متوسط التقييمات الممنوحة للردود (من 1 إلى 5)؛ لا ينشر إذا قل عددها عن 5.",
              "Moyenne des notes données aux réponses (de 1 à 5) ; non publiée sous 5 notes."),
    Indicator("complaints.reopened", "count", None, "complaints.by_status:answered", S, True,
              "الشكايات المعاد فتحها", "Réclamations rouvertes",
              "الشكايات التي أعاد أصحابها فتحها بعد الرد لأنه لم يحسم موضوعها.",
              "Réclamations rouvertes par leur auteur après la réponse, celle-ci ne réglant pas la question."),
    # The officers' open work, now (not a period)
    Indicator("workload.open_by_officer", "count", "officer", None, None, False,
              "الملفات المفتوحة لدى كل موظف", "Dossiers ouverts par agent",
              "الملفات المسندة إلى كل موظف والتي ينتظر فيها إجراء من الإدارة، يوم احتساب الأرقام (لا ترتبط بالفترة).",
              "Dossiers attribués à chaque agent et qui attendent une action de l'administration, au jour du calcul (indépendamment de la période)."),
    Indicator("workload.unassigned", "count", None, None, None, False,
              "الملفات الجديدة غير المسندة", "Nouveaux dossiers non attribués",
              "الملفات المتوصل بها التي لم تسند بعد إلى أي موظف، يوم احتساب الأرقام.",
              "Dossiers reçus qui ne sont encore attribués à aucun agent, au jour du calcul."),
)}

PUBLIC = tuple(i for i in INDICATORS.values() if i.public)


def indicator(indicator_id: str) -> Indicator:
    """The indicator ``indicator_id``. Raises KeyError when unknown."""
    return INDICATORS[indicator_id]


def for_scope(scope: str) -> list[Indicator]:
    """The indicators of ``scope`` (``requests``, ``complaints``, ``cases``, ``workload``), in table order."""
    return [i for i in INDICATORS.values() if i.scope == scope]
