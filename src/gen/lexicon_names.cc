// Given names and family names from many languages and scripts, written by
// hand for the generator (common names, no real individuals intended).
#include "gen/lexicon.h"

namespace winnow::gen {
namespace {

using SV = std::string_view;

constexpr SV kEnGiven[] = {"James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
    "William", "Elizabeth", "Daniel", "Susan", "Matthew", "Jessica", "Andrew", "Sarah", "Joshua", "Karen",
    "Ethan", "Emily", "Olivia", "Liam", "Noah", "Chloe", "Grace", "Harper", "Connor", "Megan", "Tyler",
    "Hannah"};
constexpr SV kEnFamily[] = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
    "Mitchell", "Campbell", "O'Brien", "McAllister", "Fitzgerald", "Hughes"};
constexpr SV kEsGiven[] = {"José", "María", "Juan", "Lucía", "Alejandro", "Sofía", "Javier", "Carmen",
    "Diego", "Valentina", "Andrés", "Camila", "Raúl", "Inés", "Sebastián", "Ximena", "Álvaro", "Begoña",
    "Mateo", "Paula"};
constexpr SV kEsFamily[] = {"García", "Martínez", "Rodríguez", "López", "Hernández", "González", "Pérez",
    "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Jiménez", "Ruiz",
    "Ortiz", "Castillo", "Núñez", "Muñoz", "Iglesias"};
constexpr SV kFrGiven[] = {"Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "François", "Élodie",
    "Théo", "Inès", "Mathieu", "Léa", "Hélène", "Benoît", "Zoé", "Gaëlle", "Jérôme", "Anaïs", "Raphaël",
    "Margaux"};
constexpr SV kFrFamily[] = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Lefèvre", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
    "Chevalier", "Mercier", "Gauthier", "Lemaître", "Faure"};
constexpr SV kDeGiven[] = {"Lukas", "Anna", "Jürgen", "Sabine", "Matthias", "Katrin", "Jörg", "Ursula",
    "Maximilian", "Lena", "Stefan", "Birgit", "Tobias", "Jana", "Dieter", "Annika", "Felix", "Hannelore",
    "Uwe", "Sören"};
constexpr SV kDeFamily[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Groß", "Weiß"};
constexpr SV kItGiven[] = {"Giuseppe", "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Lorenzo",
    "Federica", "Matteo", "Martina", "Niccolò", "Elisa", "Andrea", "Sara", "Luca", "Beatrice"};
constexpr SV kItFamily[] = {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
    "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Fabbri",
    "Lombardi"};
constexpr SV kPtGiven[] = {"João", "Ana", "Luís", "Beatriz", "Gonçalo", "Mariana", "Thiago", "Letícia",
    "Rafael", "Júlia", "Vinícius", "Conceição", "Caio", "Larissa", "Sebastião", "Fernanda"};
constexpr SV kPtFamily[] = {"Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues",
    "Almeida", "Nascimento", "Lima", "Araújo", "Fernandes", "Carvalho", "Gomes", "Magalhães", "Conceição",
    "Ribeiro", "Barbosa"};
constexpr SV kPlGiven[] = {"Piotr", "Katarzyna", "Krzysztof", "Agnieszka", "Tomasz", "Małgorzata",
    "Paweł", "Joanna", "Łukasz", "Magdalena", "Michał", "Zofia", "Wojciech", "Ewa", "Jakub", "Dorota"};
constexpr SV kPlFamily[] = {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
    "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowska",
    "Mazur", "Krawczyk", "Piotrowska"};
constexpr SV kNlGiven[] = {"Daan", "Sanne", "Bram", "Lotte", "Joris", "Femke", "Sem", "Noor", "Thijs",
    "Eline", "Ruben", "Marieke"};
constexpr SV kNlFamily[] = {"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van der Linden", "Dekker"};
constexpr SV kNordicGiven[] = {"Lars", "Ingrid", "Anders", "Sigrid", "Mikael", "Astrid", "Björn", "Freja",
    "Henrik", "Maja", "Øystein", "Solveig", "Jukka", "Aino", "Gunnar", "Elín"};
constexpr SV kNordicFamily[] = {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsen",
    "Hansen", "Pedersen", "Nielsen", "Jørgensen", "Virtanen", "Korhonen", "Mäkinen", "Sigurðsson",
    "Lindqvist", "Håkansson"};
constexpr SV kTrGiven[] = {"Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Çağlar", "Elif",
    "Burak", "Gülşen", "Oğuz", "Şule"};
constexpr SV kTrFamily[] = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk",
    "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan"};
constexpr SV kViGiven[] = {"Minh", "Lan", "Tuấn", "Hương", "Dũng", "Thảo", "Hùng", "Ngọc", "Quang", "Phương",
    "Bảo", "Linh"};
constexpr SV kViFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ"};
constexpr SV kYoIgGiven[] = {"Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde",
    "Chiamaka", "Obinna", "Yetunde", "Ifeanyi", "Temitope", "Kelechi", "Abimbola"};
constexpr SV kYoIgFamily[] = {"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Olawale", "Nwosu",
    "Adebayo", "Ogunleye", "Chukwu", "Afolabi", "Obi", "Oyelaran", "Nnamdi"};
constexpr SV kSwGiven[] = {"Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mwangi", "Amani", "Baraka",
    "Zawadi", "Juma", "Neema", "Imani"};
constexpr SV kSwFamily[] = {"Kariuki", "Odhiambo", "Wambui", "Mutua", "Kiprono", "Chebet", "Onyango",
    "Njoroge", "Kimani", "Omondi", "Wekesa", "Mwakalinga"};
constexpr SV kInGiven[] = {"Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Deepika", "Arjun", "Kavya",
    "Rohan", "Sneha", "Siddharth", "Lakshmi", "Karthik", "Meera", "Aditya", "Pooja"};
constexpr SV kInFamily[] = {"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair",
    "Chatterjee", "Mukherjee", "Desai", "Joshi", "Menon", "Rao", "Banerjee", "Krishnan"};
constexpr SV kHiGiven[] = {"आरव", "प्रिया", "राहुल", "अनन्या", "विक्रम", "दीपिका", "अर्जुन", "काव्या", "रोहन",
    "स्नेहा"};
constexpr SV kHiFamily[] = {"शर्मा", "पटेल", "सिंह", "कुमार", "गुप्ता", "वर्मा", "जोशी", "मिश्रा", "यादव",
    "तिवारी"};
constexpr SV kArLatinGiven[] = {"Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef",
    "Mariam", "Khalid", "Noor", "Hassan", "Salma", "Karim", "Huda", "Tariq", "Rania"};
constexpr SV kArLatinFamily[] = {"Al-Sayed", "Haddad", "Mansour", "Khalil", "Nasser", "Hamdan",
    "El-Masri", "Aziz", "Rahman", "Qureshi", "Farouk", "Saleh", "Abdullah", "Bakr"};
constexpr SV kArGiven[] = {"محمد", "فاطمة", "أحمد", "عائشة", "عمر", "ليلى", "يوسف", "مريم", "خالد",
    "نور", "حسن", "سلمى"};
constexpr SV kArFamily[] = {"الحداد", "منصور", "خليل", "ناصر", "حمدان", "المصري", "عزيز", "صالح",
    "عبدالله", "فاروق"};
constexpr SV kHeGiven[] = {"נועה", "יוסף", "תמר", "דוד", "מיכל", "אברהם", "שירה", "יונתן", "רות", "אליהו"};
constexpr SV kHeFamily[] = {"כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "אזולאי",
    "דהן"};
constexpr SV kRuGiven[] = {"Александр", "Елена", "Дмитрий", "Ольга", "Сергей", "Наталья", "Андрей",
    "Татьяна", "Михаил", "Анастасия", "Иван", "Екатерина", "Алексей", "Юлия", "Никита", "Мария"};
constexpr SV kRuFamily[] = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
    "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров"};
constexpr SV kRuLatinGiven[] = {"Aleksandr", "Yelena", "Dmitry", "Olga", "Sergei", "Natalia", "Andrei",
    "Tatiana", "Mikhail", "Anastasia", "Ivan", "Yekaterina"};
constexpr SV kRuLatinFamily[] = {"Ivanov", "Smirnova", "Kuznetsov", "Popova", "Vasiliev", "Petrova",
    "Sokolov", "Mikhailova", "Novikov", "Fyodorov", "Morozova", "Volkov"};
constexpr SV kUkGiven[] = {"Олександр", "Оксана", "Тарас", "Ірина", "Богдан", "Галина", "Юрій", "Наталія"};
constexpr SV kUkFamily[] = {"Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник",
    "Мельник", "Ковальчук"};
constexpr SV kElGiven[] = {"Γιώργος", "Μαρία", "Δημήτρης", "Ελένη", "Νίκος", "Κατερίνα", "Γιάννης",
    "Σοφία", "Κώστας", "Αναστασία"};
constexpr SV kElFamily[] = {"Παπαδόπουλος", "Παπαδοπούλου", "Γεωργίου", "Νικολάου", "Οικονόμου",
    "Καραγιάννης", "Βασιλείου", "Δημητρίου", "Αντωνίου", "Ιωάννου"};
constexpr SV kZhGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "思远"};
constexpr SV kZhFamily[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
    "朱", "胡", "郭", "何", "高", "林", "罗", "欧阳", "司马"};
constexpr SV kZhLatinGiven[] = {"Wei", "Fang", "Xiuying", "Min", "Jing", "Lei", "Jun", "Yang", "Jie",
    "Tao", "Ming", "Chao", "Xiaoling", "Zhiwei", "Haoran", "Yuting"};
constexpr SV kZhLatinFamily[] = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
    "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo"};
constexpr SV kJaGiven[] = {"翔太", "陽菜", "大輔", "美咲", "健太", "さくら", "拓也", "結衣", "直樹",
    "彩花", "悠斗", "真由美"};
constexpr SV kJaFamily[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
    "加藤", "吉田", "山田"};
constexpr SV kJaLatinGiven[] = {"Shota", "Hina", "Daisuke", "Misaki", "Kenta", "Sakura", "Takuya",
    "Yui", "Naoki", "Ayaka", "Haruto", "Mayumi"};
constexpr SV kJaLatinFamily[] = {"Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto",
    "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada"};
constexpr SV kKoGiven[] = {"민준", "서연", "지훈", "지우", "현우", "수빈", "도윤", "하은", "예준", "지민"};
constexpr SV kKoFamily[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
constexpr SV kKoLatinGiven[] = {"Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Su-bin",
    "Do-yoon", "Ha-eun", "Ye-jun", "Ji-min"};
constexpr SV kKoLatinFamily[] = {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang",
    "Lim"};
constexpr SV kThGiven[] = {"สมชาย", "สมศรี", "ประเสริฐ", "มาลี", "วิชัย", "สุดารัตน์", "อนันต์", "กนกวรรณ"};
constexpr SV kThFamily[] = {"ศรีสุข", "วงศ์สวัสดิ์", "แสงทอง", "บุญมา", "ทองดี", "สุขสวัสดิ์", "รัตนพันธ์",
    "จันทร์เพ็ญ"};
constexpr SV kFaGiven[] = {"Reza", "Maryam", "Ali", "Zahra", "Hossein", "Shirin", "Darius", "Parisa",
    "Kaveh", "Nasrin"};
constexpr SV kFaFamily[] = {"Hosseini", "Ahmadi", "Karimi", "Moradi", "Rezaei", "Jafari", "Tehrani",
    "Mohammadi", "Sadeghi", "Rahimi"};
constexpr SV kIdGiven[] = {"Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Wahyu", "Ayu", "Eko",
    "Rina", "Joko", "Indah"};
constexpr SV kIdFamily[] = {"Santoso", "Wijaya", "Susanto", "Hidayat", "Saputra", "Kurniawan", "Setiawan",
    "Pratama", "Nugroho", "Halim", "Gunawan", "Siregar"};

constexpr NameCulture kCultures[] = {
    {"en", kEnGiven, kEnFamily, false, true, true},
    {"es", kEsGiven, kEsFamily, false, true, true},
    {"fr", kFrGiven, kFrFamily, false, true, true},
    {"de", kDeGiven, kDeFamily, false, true, true},
    {"it", kItGiven, kItFamily, false, true, true},
    {"pt", kPtGiven, kPtFamily, false, true, true},
    {"pl", kPlGiven, kPlFamily, false, true, true},
    {"nl", kNlGiven, kNlFamily, false, true, true},
    {"nordic", kNordicGiven, kNordicFamily, false, true, true},
    {"tr", kTrGiven, kTrFamily, false, true, true},
    {"vi", kViGiven, kViFamily, true, true, true},
    {"yo-ig", kYoIgGiven, kYoIgFamily, false, true, true},
    {"sw", kSwGiven, kSwFamily, false, true, true},
    {"in", kInGiven, kInFamily, false, true, true},
    {"hi-Deva", kHiGiven, kHiFamily, false, true, false},
    {"ar-Latn", kArLatinGiven, kArLatinFamily, false, true, true},
    {"ar-Arab", kArGiven, kArFamily, false, true, false},
    {"he-Hebr", kHeGiven, kHeFamily, false, true, false},
    {"ru-Cyrl", kRuGiven, kRuFamily, false, true, false},
    {"ru-Latn", kRuLatinGiven, kRuLatinFamily, false, true, true},
    {"uk-Cyrl", kUkGiven, kUkFamily, false, true, false},
    {"el-Grek", kElGiven, kElFamily, false, true, false},
    {"zh-Hans", kZhGiven, kZhFamily, true, false, false},
    {"zh-Latn", kZhLatinGiven, kZhLatinFamily, false, true, true},
    {"ja-Jpan", kJaGiven, kJaFamily, true, false, false},
    {"ja-Latn", kJaLatinGiven, kJaLatinFamily, false, true, true},
    {"ko-Hang", kKoGiven, kKoFamily, true, false, false},
    {"ko-Latn", kKoLatinGiven, kKoLatinFamily, true, true, true},
    {"th-Thai", kThGiven, kThFamily, false, true, false},
    {"fa-Latn", kFaGiven, kFaFamily, false, true, true},
    {"id", kIdGiven, kIdFamily, false, true, true},
};

}  // namespace

const std::span<const NameCulture> kNameCultures(kCultures);

}  // namespace winnow::gen
