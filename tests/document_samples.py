"""Realistic, synthetic document data for the document tests, tools/document_pages.py and
tools/card_pages.py: a plan with four goals and their actions, each with an interpreter's text
in Arabic, Persian, Tigrinya or Pashto; a card's nine contacts. No real person."""

from __future__ import annotations

from datetime import date

from app.documents import CardContact, PlanAction, PlanData, PlanEvaluation, PlanGoal
from app.opening_hours import parse

# (Dutch, {language: the interpreter's text})
GOALS = [
    ("legal", "Samen met de advocaat uitzoeken of een nieuwe asielaanvraag kans heeft.", {
        "ar": "نبحث مع المحامي إن كان لطلب لجوء جديد فرصة.",
        "fa": "با وکیل بررسی می‌کنیم که آیا درخواست پناهندگی جدید شانسی دارد.",
        "ti": "ምስ ጠበቓ ሓድሽ ሕቶ ዑቕባ ዕድል እንተለዎ ንምርምር።",
        "ps": "له وکیل سره ګورو چې ایا نوې پناه غوښتنه چانس لري."},
     [("person", "", "Afspraak maken bij ASKV voor juridisch advies.", {
         "ar": "حجز موعد في ASKV للحصول على استشارة قانونية.",
         "fa": "گرفتن وقت ملاقات در ASKV برای مشاوره حقوقی.",
         "ti": "ንሕጋዊ ምኽሪ ኣብ ASKV ቆጸራ ምሓዝ።",
         "ps": "د حقوقي مشورې لپاره په ASKV کې وخت اخیستل."}),
      ("person", "", "Documenten uit het land van herkomst verzamelen en laten vertalen.", {
         "ar": "جمع الوثائق من بلد المنشأ وترجمتها.",
         "fa": "جمع‌آوری مدارک از کشور مبدأ و ترجمه آن‌ها.",
         "ti": "ካብ ዝመጻእካዮ ሃገር ሰነዳት ምእካብን ምትርጓምን።",
         "ps": "له اصلي هېواد څخه اسناد راټولول او ژباړل."}),
      ("legal_aid", "mr. J. de Vries", "Dossier opvragen bij de IND en beoordelen.", {
         "ar": "طلب الملف من دائرة الهجرة (IND) ودراسته.",
         "fa": "درخواست پرونده از اداره مهاجرت (IND) و بررسی آن.",
         "ti": "ካብ IND ፋይል ምሕታትን ምግምጋምን።",
         "ps": "له IND څخه دوسیه غوښتل او ارزول."})]),
    ("language", "Nederlands leren tot niveau A2, zodat je zelf afspraken kunt maken.", {
        "ar": "تعلّم الهولندية حتى المستوى A2 لتتمكن من حجز المواعيد بنفسك.",
        "fa": "یادگیری زبان هلندی تا سطح A2 تا خودت بتوانی قرار ملاقات بگذاری.",
        "ti": "ባዕልኻ ቆጸራ ክትሕዝ ምእንቲ ክሳብ ደረጃ A2 ሆላንድኛ ምምሃር።",
        "ps": "تر A2 کچې هالنډي زده کول، څو پخپله وخت ونیسې."},
     [("case_manager", "", "Inschrijven voor de taalcursus in de bibliotheek.", {
         "ar": "التسجيل في دورة اللغة في المكتبة.",
         "fa": "ثبت‌نام در کلاس زبان در کتابخانه.",
         "ti": "ኣብ ቤተ-መጻሕፍቲ ንትምህርቲ ቋንቋ ምምዝጋብ።",
         "ps": "په کتابتون کې د ژبې کورس ته نوم لیکل."}),
      ("person", "", "Twee keer per week naar de les gaan.", {
         "ar": "حضور الدرس مرتين في الأسبوع.",
         "fa": "هفته‌ای دو بار به کلاس رفتن.",
         "ti": "ኣብ ሰሙን ክልተ ግዜ ናብ ትምህርቲ ምኻድ።",
         "ps": "په اونۍ کې دوه ځله ټولګي ته تلل."})]),
    ("volunteering", "Vrijwilligerswerk vinden dat past bij je ervaring als kok.", {
        "ar": "إيجاد عمل تطوعي يناسب خبرتك كطباخ.",
        "fa": "پیدا کردن کار داوطلبانه‌ای که با تجربه‌ات به عنوان آشپز جور باشد.",
        "ti": "ምስ ተመክሮኻ ከም ኣብሳሊ ዝሰማማዕ ናይ ወለንታ ስራሕ ምድላይ።",
        "ps": "داسې رضاکارانه کار موندل چې د اشپز په توګه ستا تجربې سره سمون ولري."},
     [("case_manager", "", "Gesprek bij het vrijwilligerspunt regelen.", {
         "ar": "ترتيب مقابلة في مركز التطوع.",
         "fa": "ترتیب یک گفتگو در مرکز داوطلبان.",
         "ti": "ኣብ ማእከል ወለንተኛታት ዝርርብ ምድላው።",
         "ps": "د رضاکارانو په مرکز کې د خبرو اترو تنظیمول."}),
      ("partner", "Buurthuis De Ring", "Meedraaien in de keuken van het buurthuis.", {
         "ar": "المشاركة في العمل في مطبخ المركز المجتمعي.",
         "fa": "همکاری در آشپزخانه خانه محله.",
         "ti": "ኣብ ክሽነ ማእከል ሰፈር ምስታፍ።",
         "ps": "د ګاونډ د کور په پخلنځي کې ګډون کول."})]),
    ("health", "Ingeschreven zijn bij een huisarts en weten waar je 's nachts terecht kunt.", {
        "ar": "أن تكون مسجلاً لدى طبيب عام وأن تعرف إلى أين تذهب ليلاً.",
        "fa": "نزد یک پزشک عمومی ثبت‌نام شده باشی و بدانی شب‌ها کجا بروی.",
        "ti": "ኣብ ሓኪም ስድራ ተመዝጊብካ ምህላውን ብለይቲ ናበይ ከም እትኸይድ ምፍላጥን።",
        "ps": "له یوه عمومي ډاکټر سره نوم لیکلی وي او پوه شې چې د شپې چېرته ولاړ شې."},
     [("person", "", "Inschrijven bij de huisarts in de wijk (met de casemanager).", {
         "ar": "التسجيل لدى الطبيب العام في الحي (مع مدير الحالة).",
         "fa": "ثبت‌نام نزد پزشک عمومی محله (با مدیر پرونده).",
         "ti": "ኣብ ሓኪም ስድራ ናይ ከባቢ ምምዝጋብ (ምስ ኬዝ ማናጀር)።",
         "ps": "د سیمې عمومي ډاکټر سره نوم لیکل (د قضیې مدیر سره)."}),
      ("case_manager", "", "Het nummer van de huisartsenpost op de contactkaart zetten.", {
         "ar": "إضافة رقم مركز الطبيب الليلي إلى بطاقة الاتصال.",
         "fa": "افزودن شماره مطب شبانه پزشک به کارت تماس.",
         "ti": "ቁጽሪ ናይ ለይቲ ሓኪም ኣብ ካርድ ርክብ ምእታው።",
         "ps": "د شپې د ډاکټر د مرکز شمېره د اړیکو کارت ته ورزیاتول."})]),
]


def realistic_plan(lang: str, *, translated: bool = True, printed_on: date | None = None,
                   goals: int = 4) -> PlanData:
    """A plan as a case manager writes it: four goals, two or three actions each; with
    ``translated`` the interpreter's texts in ``lang`` (where the samples have them)."""
    def own(texts: dict[str, str]) -> str:
        return texts.get(lang, "") if translated else ""

    return PlanData(
        lang=lang, person_name="Yonas Tesfay", person_name_original="ዮናስ ተስፋይ",
        record_number="W-00042", case_manager="Fatima El Amrani",
        perspective="legal_residence", start_date=date(2026, 2, 2),
        target_date=date(2027, 8, 1),
        goals=[PlanGoal(domain, text, "in_progress", date(2026, 11, 1), [
            PlanAction(a_text, owner, owner_name, date(2026, 3 + n, 15), "open",
                       description_translated=own(a_own))
            for n, (owner, owner_name, a_text, a_own) in enumerate(actions)],
            description_translated=own(texts))
            for domain, text, texts, actions in GOALS[:goals]],
        evaluation_dates=[date(2026, 8, 2), date(2027, 2, 1)],
        evaluations=[PlanEvaluation(date(2026, 5, 4), "yes", "continue",
                                    "Komt naar elke afspraak; taalcursus loopt.")],
        place="Haarlem", printed_on=printed_on or date(2026, 12, 3),
        translation_language=lang if translated else "", interpreter_name="Samira Haddad")


def _contact(role: str, organisation: str, name: str, phone: str, address: str = "",
             hours: str = "") -> CardContact:
    return CardContact(role, organisation, name, phone, address, hours,
                       purpose_key=f"purpose.{role}", opening=parse(hours))


# A realistic office card after seed 001: nine contacts filled in, hours typed as volunteers do
NINE = [
    _contact("municipality", "Gemeente Haarlem, Werk & Inkomen", "S. Bakker", "023-511 5115",
          "Zijlweg 245, Haarlem", "ma-do 9:00-17:00"),
    _contact("refugee_council", "VluchtelingenWerk Haarlem", "R. Jansen", "023-532 0999",
          "Gedempte Voldersgracht 2", "di, do 10-13"),
    _contact("social_team", "Sociaal Wijkteam Schalkwijk", "", "023-543 0970", "Bernadottelaan 1",
          "ma-vr 9-17"),
    _contact("case_manager", "Stem in de Stad", "Fatima El Amrani", "06-1234 5678"),
    _contact("legal_aid", "ASKV Steunpunt Vluchtelingen", "mr. J. de Vries", "020-627 7131",
          "Van Ostadestraat 233, Amsterdam", "di, do 10-13"),
    _contact("gp", "Gezondheidscentrum Schalkwijk", "", "023-533 1234",
          "Floris van Adrichemlaan 2, Haarlem", "ma-vr 8-17"),
    _contact("gp_post", "Huisartsenpost Kennemerland", "", "023-890 2345", "",
          "17:00-08:00, weekend"),
    _contact("police_officer", "Politie Haarlem", "K. de Boer", "0900-8844"),
    _contact("civic_integration", "Taalschool Haarlem", "", "+31 (0)23 123 45 67", "Spaarne 1",
          "ma-do 9:00-17:00; za 10-14"),
]
