from newsgraph.clean.language import base, guess, stop_words

GERMAN = ("Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke über den Fluss erst im "
          "kommenden Jahr gebaut wird. Die Kosten seien nach Angaben der Verwaltung deutlich gestiegen, "
          "und auch die Planung müsse noch einmal geprüft werden, sagte der Bürgermeister. Die Anwohner "
          "hatten sich seit Monaten über den Lärm beschwert.")
SPANISH = ("El ayuntamiento aprobó el martes un plan para renovar el puerto, aunque la oposición "
           "criticó que no se haya consultado a los vecinos. Según el alcalde, las obras empezarán "
           "en primavera y durarán al menos dos años, con un coste que todavía no se ha cerrado. Los "
           "pescadores piden que se respete la temporada.")
ENGLISH = ("The council voted on Tuesday to delay the new bridge over the river until next year, "
           "saying that the costs had risen sharply and that the plans would have to be checked again. "
           "Residents who live near the old crossing have complained about the noise for months, and the "
           "mayor said he understood their anger.")
RUSSIAN = ("Городской совет во вторник решил, что новый мост через реку будет построен только в "
           "следующем году. По словам мэра, расходы значительно выросли, и проект нужно проверить ещё раз, "
           "а жители должны быть готовы к тому, что работы начнутся не раньше весны.")


def test_guess_tells_languages_apart():
    assert guess(ENGLISH) == "en"
    assert guess(GERMAN) == "de"
    assert guess(SPANISH) == "es"
    assert guess(RUSSIAN) == "ru"


def test_guess_judges_another_script_however_short():
    assert guess("東京の市議会は火曜日、新しい橋の建設を来年に延期することを決めた。") == "ja"
    assert guess("서울시 의회는 화요일 새 다리 건설을 내년으로 미루기로 했다") == "ko"
    assert guess("市议会周二决定将新桥的建设推迟到明年") == "zh"


def test_guess_says_nothing_of_too_little_text():
    assert guess("") is None
    assert guess("12 345 -- !!") is None
    assert guess("Bürgermeister Schmidt eröffnet den Hafen") is None  # a headline in Latin letters


def test_stop_words_of_a_language_without_a_list_are_empty():
    assert "der" in stop_words("de")
    assert stop_words("xx-unknown") == frozenset() and stop_words(None) == frozenset()


def test_codes_are_read_as_the_word_lists_know_them():
    assert base("de-AT") == base("DE") == base("de_DE") == "de"
    assert base("arz") == "ar" and base("zxx") is None and base("") is None
    assert stop_words("ar-SA") == stop_words("ar") != frozenset()


def test_a_short_brief_in_the_function_words_of_another_language_is_told():
    """Two sentences of a brief (under MIN_WORDS words) in Spanish or German prose are not taken for
    English: their function words say which language they are in."""
    assert guess("Cinco bomberos resultaron heridos el lunes por la noche en el incendio de una nave "
                 "industrial en las afueras de la ciudad. Uno de ellos fue trasladado al hospital.") == "es"
    assert guess("In der Nacht ist in Lindholt ein Teil der alten Hafenbrücke eingestürzt. Verletzt "
                 "wurde nach Angaben der Feuerwehr niemand, die Straße bleibt gesperrt.") == "de"
    assert guess("Five firefighters were hurt on Monday night in a fire at a warehouse on the edge "
                 "of the city. One of them was taken to hospital.") is None  # English is not said: as before
    assert guess("Fuego en Lindholt: cinco heridos") is None  # too few words


def test_short_or_list_like_english_is_not_taken_for_another_language():
    roundup = ("Ukraine: Zelensky meets Macron. Gaza: talks resume. Oil: prices fall. Football: Arsenal win. "
               "Weather: storms in the north. Markets: the pound rises.")
    assert guess(roundup) is None  # short, and in no other language's function words
    assert guess(ENGLISH) == "en"


def test_local_terms_pair_unspaced_characters_and_drop_function_words():
    from newsgraph.corpus.features import caseless, local_terms

    ja = dict(local_terms("台風が上陸した", "ja"))
    assert {"台風", "上陸"} <= set(ja) and "した" not in ja  # two hiragana: an ending
    ar = dict(local_terms("وقال المسؤول إن الطفل في البئر", "ar"))
    assert "البئر" in ar and "في" not in ar  # a function word of Arabic
    assert caseless("台風が上陸した") and caseless("وقال المسؤول") and not caseless("Путин встретился с Си")
    hi = dict(local_terms("प्रधानमंत्री नरेंद्र मोदी ने कहा", "hi"))
    assert {"प्रधानमंत्री", "नरेंद्र", "मोदी"} <= set(hi)  # whole words, vowel signs and viramas kept
