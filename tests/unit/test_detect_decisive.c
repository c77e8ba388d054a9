/* Telling a language without CLD2 (detect_decisive.c): plain cases are
 * answered, and only those; close relatives, short texts and lists are
 * left to CLD2. The texts are written for this test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "language_internal.h"

static const char *decide(const char *t) { return cx_detect_decisive(t, strlen(t)); }

static void plain_cases_are_answered(void **state)
{
    (void)state;
    static const struct {
        const char *code, *text;
    } cases[] = {
        {"en", "The city council approved the budget for next year on Tuesday, with more money for housing and for "
               "public transport. According to the mayor, the work on the new bicycle lane will start in the "
               "spring, and residents will be able to take part in the meetings that are held in their "
               "neighbourhoods over the coming months."},
        {"fr", "Le conseil municipal a adopté mardi le budget de l'année prochaine, avec davantage de moyens pour "
               "le logement et les transports en commun. Selon la maire, les travaux de la nouvelle piste cyclable "
               "commenceront au printemps et les habitants pourront participer aux réunions qui se tiendront dans "
               "leurs quartiers au cours des prochains mois. Il a aussi été question du stade : elle ne veut pas "
               "que la ville paie seule pour sa rénovation, et elle a dit qu'elle en parlerait avec la région avant "
               "la fin de l'été, car elle pense que nous ne pouvons pas attendre plus longtemps."},
        {"de", "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen, mit mehr Geld für den "
               "Wohnungsbau und für den öffentlichen Verkehr. Nach Angaben der Bürgermeisterin sollen die Arbeiten "
               "an dem neuen Radweg im Frühjahr beginnen, und die Anwohner können an den Versammlungen teilnehmen, "
               "die in den nächsten Monaten in ihren Vierteln stattfinden."},
        {"es", "El ayuntamiento aprobó el martes el presupuesto del año próximo, con más dinero para la vivienda y "
               "el transporte público. Según la alcaldesa, las obras del nuevo carril bici empezarán en primavera y "
               "los vecinos podrán participar en las reuniones que se celebrarán en sus barrios durante los "
               "próximos meses."},
        {"it", "Il consiglio comunale ha approvato martedì il bilancio del prossimo anno, con più fondi per la casa "
               "e per il trasporto pubblico. Secondo la sindaca, i lavori della nuova pista ciclabile "
               "cominceranno in primavera e gli abitanti potranno partecipare alle riunioni che si terranno nei "
               "loro quartieri nei prossimi mesi."},
        {"ru", "Городской совет во вторник утвердил бюджет на следующий год, в котором больше денег выделено на "
               "жильё и общественный транспорт. По словам мэра, работы на новой велосипедной дорожке начнутся "
               "весной, и жители смогут принять участие в собраниях, которые будут проходить в их районах в "
               "ближайшие месяцы, а также высказать свои предложения."},
        {"ja", "市議会は火曜日、来年度の予算を可決した。住宅と公共交通への支出が増える。市長によると、新しい自転車道の工事は春に始まり、住民は今後数か月の間に各地区で開かれる会合に参加できるという。"},
        {"zh", "市议会星期二通过了明年的预算，住房和公共交通的支出将会增加。市长表示，新自行车道的工程将在春天开始，居民可以参加今后几个月在各个社区举行的会议。"},
        {"ko", "시의회는 화요일에 내년 예산을 승인했으며 주택과 대중교통에 대한 지출이 늘어난다. 시장에 따르면 새 자전거 도로 공사는 봄에 시작되며 주민들은 앞으로 몇 달 동안 각 지역에서 열리는 회의에 참여할 수 있다."},
        {"el", "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό του επόμενου έτους, με περισσότερα χρήματα για τη στέγαση και τις δημόσιες συγκοινωνίες."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = decide(cases[i].text);
        if (!got || strcmp(got, cases[i].code)) fail_msg("%s: got %s", cases[i].code, got ? got : "(CLD2)");
        /* the detector's answer is the same, and called reliable */
        int rel = 0;
        assert_string_equal(cx_detect_language(cases[i].text, strlen(cases[i].text), &rel), cases[i].code);
        assert_int_equal(rel, 1);
    }
}

/* Languages chorus has no list for, next to ones it has, and languages whose
 * twin has no list: CLD2 must tell them. */
static void relatives_are_left_to_cld2(void **state)
{
    (void)state;
    static const char *const texts[] = {
        /* Catalan */
        "L'ajuntament de la ciutat va aprovar ahir el pressupost per a l'any vinent, amb un augment de la despesa "
        "en habitatge i en transport públic. Segons l'alcaldessa, les obres del nou carril bici començaran a la "
        "primavera i els veïns podran participar en les reunions que es faran als barris durant els propers mesos.",
        /* Galician */
        "O concello da cidade aprobou onte o orzamento para o ano que vén, cun aumento do gasto en vivenda e no "
        "transporte público. Segundo a alcaldesa, as obras do novo carril bici comezarán na primavera e os veciños "
        "poderán participar nas reunións que se farán nos barrios durante os próximos meses.",
        /* Afrikaans (next to Dutch) */
        "Die stadsraad het gister die begroting vir die volgende jaar goedgekeur, met 'n verhoging in die "
        "besteding aan behuising en openbare vervoer. Volgens die burgemeester sal die werk aan die nuwe fietspad "
        "in die lente begin en die inwoners kan deelneem aan die vergaderings wat in die woonbuurte gehou word.",
        /* Malay (next to Indonesian) */
        "Majlis bandaraya semalam meluluskan belanjawan untuk tahun hadapan, dengan peningkatan perbelanjaan bagi "
        "perumahan dan pengangkutan awam. Menurut datuk bandar, kerja-kerja laluan basikal yang baharu akan bermula "
        "pada musim bunga dan penduduk boleh menyertai mesyuarat yang akan diadakan dalam beberapa bulan.",
        /* Norwegian Nynorsk */
        "Bystyret i byen vedtok i går budsjettet for det komande året, med ein auke i pengebruken på bustader og "
        "kollektivtransport. Ifølgje ordføraren skal arbeidet med den nye sykkelvegen byrje til våren, og "
        "innbyggjarane kan vere med på møta som skal haldast i bydelane dei neste månadene.",
        /* Occitan */
        "Lo conselh municipal de la vila aprovèt ièr lo budget per l'an que ven, amb una aumentacion de las "
        "despensas per l'abitatge e lo transpòrt public. Segon la cònsol, los trabalhs de la novèla pista "
        "ciclabla començaràn a la prima e los estatjants poiràn participar a las amassadas dins los quartièrs.",
        /* Ukrainian, Bulgarian: Cyrillic, not Russian */
        "Міська рада у вівторок затвердила бюджет на наступний рік, у якому більше грошей виділено на житло та "
        "громадський транспорт. За словами мера, роботи на новій велосипедній доріжці почнуться навесні, і "
        "мешканці зможуть взяти участь у зборах, які відбуватимуться в їхніх районах найближчими місяцями.",
        "Общинският съвет във вторник прие бюджета за следващата година, в който повече пари са отделени за "
        "жилища и обществен транспорт. По думите на кмета работите по новата велосипедна алея ще започнат "
        "през пролетта и жителите ще могат да участват в събранията, които ще се провеждат в техните квартали.",
        /* Dutch itself: never answered here (Afrikaans) */
        "De gemeenteraad heeft dinsdag de begroting voor volgend jaar goedgekeurd, met meer geld voor "
        "woningbouw en openbaar vervoer. Volgens de burgemeester beginnen de werkzaamheden aan het nieuwe "
        "fietspad in het voorjaar en kunnen de bewoners deelnemen aan de bijeenkomsten in hun wijken.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *got = decide(texts[i]);
        if (got) fail_msg("text %zu: answered %s without CLD2", i, got);
    }
}

static void short_texts_and_lists_are_left_to_cld2(void **state)
{
    (void)state;
    assert_null(decide("The mayor said the work will start in the spring."));
    assert_null(decide("東京都知事選挙"));
    assert_null(decide(""));
    assert_null(decide("1234 5678 !!!"));
    /* a table repeating a few words of some list ("nyt" is Finnish) */
    char table[2048] = "";
    for (int i = 0; i < 40; i++) strcat(table, "NYT 1998-11-14 NYT story\n");
    assert_null(decide(table));
    /* a mixture of scripts */
    assert_null(decide("The city council approved the budget for next year on Tuesday, with more money for housing. "
                       "市议会星期二通过了明年的预算，住房和公共交通的支出将会增加。市长表示，新自行车道的工程将在春天开始。"
                       "Городской совет во вторник утвердил бюджет на следующий год."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_cases_are_answered),
        cmocka_unit_test(relatives_are_left_to_cld2),
        cmocka_unit_test(short_texts_and_lists_are_left_to_cld2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
