"""Synthetic names for demo data: (Latin, own script) pairs per country of origin.

Combined at random, so no real person is described. Proportions follow Haarlem's newcomers
(2018): Syria 40 %, Eritrea 22 %, Turkey 10 %, then Iraq, Iran and others.
"""

from __future__ import annotations

ARABIC_GIVEN_M = [("Mohammed", "محمد"), ("Ahmad", "أحمد"), ("Omar", "عمر"), ("Khaled", "خالد"),
                  ("Yousef", "يوسف"), ("Ibrahim", "إبراهيم"), ("Hassan", "حسن"),
                  ("Abd al-Rahman", "عبد الرحمن"), ("Mahmoud", "محمود"), ("Samir", "سمير"),
                  ("Tariq", "طارق"), ("Bilal", "بلال"), ("Karim", "كريم"), ("Ziad", "زياد")]
ARABIC_GIVEN_F = [("Fatima", "فاطمة"), ("Aisha", "عائشة"), ("Mariam", "مريم"), ("Noor", "نور"),
                  ("Rania", "رانيا"), ("Huda", "هدى"), ("Layla", "ليلى"), ("Salma", "سلمى"),
                  ("Amina", "أمينة"), ("Rasha", "رشا"), ("Dima", "ديما"), ("Hiba", "هبة")]
ARABIC_FAMILY = [("Al-Hassan", "الحسن"), ("Haddad", "حداد"), ("Khalil", "خليل"),
                 ("Al-Ahmad", "الأحمد"), ("Darwish", "درويش"), ("Nasser", "ناصر"),
                 ("Al-Sayed", "السيد"), ("Hamdan", "حمدان"), ("Saleh", "صالح"),
                 ("Al-Najjar", "النجار"), ("Othman", "عثمان"), ("Kurdi", "كردي"),
                 ("Mansour", "منصور"), ("Al-Masri", "المصري"), ("Jaber", "جابر")]
TIGRINYA_GIVEN_M = [("Yonas", "ዮናስ"), ("Dawit", "ዳዊት"), ("Tesfay", "ተስፋይ"), ("Filmon", "ፊልሞን"),
                    ("Mulugeta", "ሙሉጌታ"), ("Aron", "ኣሮን"), ("Samuel", "ሳሙኤል"),
                    ("Merhawi", "መርሃዊ"), ("Habtom", "ሃብቶም"), ("Kidane", "ኪዳነ")]
TIGRINYA_GIVEN_F = [("Selam", "ሰላም"), ("Helen", "ሄለን"), ("Senait", "ሰናይት"), ("Luwam", "ሉዋም"),
                    ("Mebrat", "መብራት"), ("Saba", "ሳባ"), ("Eden", "ኤደን"), ("Rahwa", "ራሕዋ"),
                    ("Yordanos", "ዮርዳኖስ"), ("Feven", "ፌቨን")]
TIGRINYA_FAMILY = [("Tesfamariam", "ተስፋማርያም"), ("Ghebremedhin", "ገብረመድህን"),
                   ("Haile", "ሃይለ"), ("Berhane", "በርሀነ"), ("Kahsay", "ካሕሳይ"),
                   ("Woldemichael", "ወልደሚካኤል"), ("Tekle", "ተኽለ"), ("Abraha", "ኣብርሃ"),
                   ("Gebremeskel", "ገብረመስቀል"), ("Okbay", "ዑቕባይ")]
TURKISH_GIVEN_M = ["Mehmet", "Mustafa", "Emre", "Hüseyin", "Murat", "Kemal", "Barış", "Serkan"]
TURKISH_GIVEN_F = ["Ayşe", "Elif", "Zeynep", "Fatma", "Gül", "Merve", "Şule", "Derya"]
TURKISH_FAMILY = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk",
                  "Arslan", "Doğan"]
PERSIAN_GIVEN_M = [("Reza", "رضا"), ("Ali", "علی"), ("Mehdi", "مهدی"), ("Hossein", "حسین"),
                   ("Amir", "امیر"), ("Dariush", "داریوش"), ("Farid", "فرید")]
PERSIAN_GIVEN_F = [("Maryam", "مریم"), ("Zahra", "زهرا"), ("Shirin", "شیرین"), ("Leila", "لیلا"),
                   ("Parisa", "پریسا"), ("Nasrin", "نسرین"), ("Mahsa", "مهسا")]
PERSIAN_FAMILY = [("Ahmadi", "احمدی"), ("Hosseini", "حسینی"), ("Rezaei", "رضایی"),
                  ("Karimi", "کریمی"), ("Moradi", "مرادی"), ("Jafari", "جعفری"),
                  ("Rahimi", "رحیمی"), ("Sadeghi", "صادقی")]
OTHER_GIVEN = ["Abdi", "Amadou", "Fatou", "Irina", "Olena", "Carlos", "Nadia", "Samira", "Hamid",
               "Ali", "Mariam", "Yusuf", "Gulalai", "Faisal", "Awa", "Ibrahima"]
OTHER_FAMILY = ["Warsame", "Diallo", "Kovalenko", "Ahmadzai", "Mensah", "Traoré", "Barzani",
                "Rahimi", "Petrenko", "Garcia", "Nkemelu", "Osei", "Hussaini", "Jalloh"]

# (country code, weight, name set, documents language)
ORIGINS = [
    ("SY", 40, "arabic", "ar"),
    ("ER", 22, "tigrinya", "ti"),
    ("TR", 10, "turkish", "tr"),
    ("IQ", 7, "arabic", "ar"),
    ("IR", 6, "persian", "fa"),
    ("AF", 4, "persian", "fa"),
    ("SO", 3, "other", "so"),
    ("MA", 2, "arabic", "ar"),
    ("GN", 2, "other", "fr"),
    ("UA", 1, "other", "uk"),
    ("SD", 1, "arabic", "ar"),
    ("NG", 1, "other", "en"),
    ("YE", 1, "arabic", "ar"),
]
