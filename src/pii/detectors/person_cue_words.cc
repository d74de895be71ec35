// The word lists behind the PERSON detector's cues (person_cue_words.h).
#include "pii/detectors/person_cue_words.h"

#include <iterator>
#include <map>
#include <span>
#include <string>

namespace winnow::pii {
namespace {

// Words written from general knowledge of English and the other languages
// the gazetteer covers; all lower case.
constexpr std::string_view kStop[] = {
    "a", "about", "after", "again", "all", "also", "always", "am", "an", "and", "another", "any",
    "are", "as", "assistant", "at", "bcc", "be", "because", "been", "before", "both", "but", "by",
    "can", "cc", "chat", "client", "could", "customer", "date", "dear", "december", "did", "do",
    "does", "done", "each", "either", "email", "even", "every", "everybody", "everyone", "february",
    "first", "folks", "for", "friday", "friends", "from", "fw", "fwd", "get", "go", "god", "good",
    "got", "great", "greetings", "guys", "had", "happy", "has", "have", "he", "hello", "her",
    "here", "hey", "hi", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "january", "july", "just", "kind", "last", "let", "like", "march", "maybe", "me", "merry",
    "might", "monday", "more", "most", "mom", "mum", "dad", "my", "never", "next", "no", "none",
    "not", "note", "november", "now", "october", "of", "oh", "ok", "okay", "on", "one", "only",
    "or", "other", "our", "out", "over", "per", "perhaps", "please", "question", "re", "regards",
    "saturday", "see", "sent", "september", "she", "should", "since", "so", "some", "sorry",
    "still", "subject", "such", "sunday", "support", "sure", "team", "than", "thank", "thanks",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "thursday", "to", "today", "tomorrow", "tonight", "tuesday", "two", "under", "up", "us",
    "user", "very", "via", "was", "we", "wednesday", "welcome", "well", "were", "what", "when",
    "where", "which", "while", "who", "whom", "whose", "why", "with", "world", "would", "wow",
    "yes", "yesterday", "you", "your",
    // Addressees that are no one's name ("Dear Hiring Manager").
    "applicant", "board", "candidate", "colleagues", "customers", "editor", "hiring", "manager",
    "members", "neighbors", "parents", "reader", "readers", "recruiter", "sirs", "students",
    "valued",
    // Languages and nationalities, some of which the lists hold as names.
    "african", "american", "arabic", "asian", "australian", "brazilian", "british", "canadian",
    "chinese", "croatian", "czech", "danish", "dutch", "english", "european", "finnish",
    "french", "german", "greek", "hebrew", "hindi", "hungarian", "indian", "irish",
    "italian", "japanese", "jewish", "korean", "mexican", "muslim", "norwegian", "persian",
    "polish", "portuguese", "romanian", "russian", "scottish", "spanish", "swedish",
    "turkish", "ukrainian", "welsh",
};
constexpr std::string_view kHead[] = {
    "academy", "ag", "agency", "airlines", "airport", "airways", "arena", "associates",
    "association", "ave", "avenue", "award", "awards", "bank", "bay", "beach", "blvd",
    "boulevard", "bridge", "building", "cafe", "capital", "castle", "cathedral", "center",
    "centre", "church", "circle", "city", "clinic", "club", "co", "college", "committee",
    // Street suffixes of USPS Publication 28 that are rarely surnames.
    "alley", "annex", "arcade", "bayou", "bend", "blvd", "bluff", "bluffs", "bypass", "canyon",
    "causeway", "cir", "cliffs", "commons", "corner", "corners", "cove", "coves", "crescent",
    "crossing", "ct", "curve", "drive", "estates", "expressway", "extension", "flat", "flats",
    "freeway", "gardens", "harbor", "harbour", "haven", "hollow", "hwy", "junction", "knoll",
    "landing", "ln", "loop", "manor", "meadows", "mews", "orchard", "oval", "pass", "path",
    "pike", "pkwy", "place", "plains", "point", "prairie", "ranch", "rapids", "route", "run",
    "shoals", "shores", "spur", "summit", "trail", "tunnel", "turnpike", "union", "viaduct",
    "view", "vista", "walk", "way",
    // Organizations.
    "analytics", "band", "biosciences", "biotech", "brothers", "communications", "consulting",
    "dynamics", "electronics", "energy", "enterprises", "entertainment", "financial", "foods",
    "games", "health", "healthcare", "industries", "insurance", "international", "investments",
    "logistics", "medical", "mining", "networks", "orchestra", "pharma", "pharmaceuticals",
    "power", "products", "realty", "resources", "retail", "robotics", "semiconductor",
    "semiconductors", "sons", "telecom", "therapeutics", "transport", "trust", "ventures",
    "water", "wireless",
    // Industries: "Orion Steel", "Eldridge Shipping" (none is a name in the
    // gazetteer; a surname before one names a firm).
    "aerospace", "apparel", "automotive", "bakery", "brewery", "brewing", "builders", "cargo",
    "chemical", "chemicals", "construction", "contractors", "distributors", "electric",
    "engineering", "freight", "laboratories", "lumber", "manufacturing", "metals", "minerals",
    "outfitters", "petroleum", "plastics", "publishers", "publishing", "railway", "railways",
    "shipping", "shipyard", "steel", "textiles", "trucking", "utilities",
    "company", "corp", "corporation", "council", "county", "court", "creek", "cup", "department",
    "district", "falls", "fc", "foundation", "gmbh", "group", "hall", "heights", "highway",
    "hills", "holdings", "hospital", "hotel", "inc", "institute", "island", "islands", "journal",
    "kingdom", "labs", "lake", "league", "llc", "llp", "ltd", "mall", "market",
    "media", "ministry", "motors", "mountain", "mountains", "museum", "news", "office",
    "parkway", "partners", "party", "plaza", "plc", "prize", "province", "pub", "rd", "records",
    "region", "republic", "restaurant", "river", "road", "school", "services", "society",
    "software", "solutions", "springs", "square", "stadium", "station", "straße", "strasse",
    "street", "studio", "studios", "systems", "technologies", "terrace", "theater", "theatre",
    "times", "tower", "town", "university", "universität", "valley", "village",
};
constexpr std::string_view kPrefix[] = {
    "east", "fort", "ft", "lake", "los", "las", "mount", "mt", "new", "north", "port", "saint",
    "san", "santa", "santo", "são", "sao", "south", "st", "ste", "west",
    // Street types written before the street's name ("Rua João Pessoa").
    "av", "avda", "avenida", "bd", "calle", "camino", "carrer", "chemin", "corso", "largo",
    "paseo", "piazza", "praça", "rua", "rue", "strada", "travessa", "ul", "ulica", "via", "viale", "vila",
};
constexpr std::string_view kHonorific[] = {
    "agent", "aunt", "auntie", "capt", "captain", "coach", "col", "colonel", "det", "detective",
    "doctor", "dott", "dr", "dra", "frau", "fräulein", "gen", "general", "gov", "governor",
    "grandma", "grandpa", "herr", "imam", "judge", "justice", "lt", "madam", "madame",
    "mademoiselle", "maj", "miss", "mister", "mlle", "mme", "monsieur", "mr", "mrs", "ms", "mx",
    "officer", "pastor", "president", "prof", "professor", "rabbi", "rep", "rev", "reverend",
    "sen", "senator", "senor", "señor", "senora", "señora", "senorita", "señorita", "sgt",
    "sig", "signor", "signora", "signorina", "sir", "sr", "sra", "srta", "uncle",
    "господин", "госпожа",
};
constexpr std::string_view kParticles[] = {
    "al", "bin", "binti", "bint", "da", "das", "de", "dei", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
};

constexpr Cue kCues[] = {
    {"my name is", 0.45f}, {"my name's", 0.45f}, {"name is", 0.45f}, {"name's", 0.45f},
    {"call me", 0.45f}, {"named", 0.45f}, {"named him", 0.45f}, {"named her", 0.45f},
    {"call him", 0.45f}, {"call her", 0.45f}, {"called him", 0.45f}, {"called her", 0.45f},
    {"name", 0.3f}, {"i go by", 0.45f}, {"goes by", 0.45f},
    {"dear", 0.45f}, {"signed", 0.45f}, {"sincerely", 0.45f}, {"regards", 0.45f},
    {"je m'appelle", 0.45f}, {"je me nomme", 0.45f}, {"me llamo", 0.45f},
    {"mi nombre es", 0.45f}, {"ich heiße", 0.45f}, {"ich heisse", 0.45f},
    {"mein name ist", 0.45f}, {"mi chiamo", 0.45f}, {"il mio nome è", 0.45f},
    {"meu nome é", 0.45f}, {"me chamo", 0.45f}, {"ik heet", 0.45f}, {"mijn naam is", 0.45f},
    {"nazywam się", 0.45f}, {"mam na imię", 0.45f}, {"jmenuji se", 0.45f},
    {"benim adım", 0.45f}, {"меня зовут", 0.45f}, {"моё имя", 0.45f}, {"мое имя", 0.45f},
    {"мене звати", 0.45f}, {"jag heter", 0.45f}, {"jeg heter", 0.45f}, {"jeg hedder", 0.45f},
    {"nimeni on", 0.45f}, {"με λένε", 0.45f}, {"ονομάζομαι", 0.45f}, {"اسمي", 0.45f},
    {"שמי", 0.45f}, {"मेरा नाम", 0.45f}, {"cher", 0.45f}, {"chère", 0.45f},
    {"querido", 0.45f}, {"querida", 0.45f}, {"estimado", 0.45f}, {"estimada", 0.45f},
    {"lieber", 0.45f}, {"liebe", 0.45f}, {"sehr geehrter", 0.45f}, {"sehr geehrte", 0.45f},
    {"caro", 0.45f}, {"cara", 0.45f}, {"gentile", 0.45f}, {"geachte", 0.45f},
    {"kære", 0.45f}, {"kära", 0.45f}, {"drogi", 0.45f}, {"droga", 0.45f},
    {"szanowny", 0.45f}, {"szanowna", 0.45f}, {"дорогой", 0.45f}, {"дорогая", 0.45f},
    {"уважаемый", 0.45f}, {"уважаемая", 0.45f},
    {"i'm", 0.3f}, {"i am", 0.3f}, {"im", 0.3f}, {"this is", 0.3f}, {"it's", 0.3f},
    {"hi", 0.3f}, {"hello", 0.3f}, {"hey", 0.3f}, {"thanks", 0.3f}, {"thank you", 0.3f},
    {"called", 0.3f}, {"known as", 0.3f}, {"cheers", 0.3f}, {"hola", 0.3f}, {"bonjour", 0.3f},
    {"salut", 0.3f}, {"hallo", 0.3f}, {"ciao", 0.3f}, {"olá", 0.3f}, {"hej", 0.3f},
    {"hei", 0.3f}, {"привет", 0.3f}, {"здравствуйте", 0.3f}, {"cześć", 0.3f}, {"ahoj", 0.3f},
    {"merhaba", 0.3f}, {"je suis", 0.3f}, {"soy", 0.3f}, {"ich bin", 0.3f}, {"sono", 0.3f},
    {"sou", 0.3f}, {"ik ben", 0.3f}, {"jestem", 0.3f}, {"я", 0.3f},
    {"said", 0.2f}, {"says", 0.2f}, {"told", 0.2f}, {"tell", 0.2f}, {"asked", 0.2f},
    {"ask", 0.2f}, {"met", 0.2f}, {"meet", 0.2f}, {"meeting with", 0.2f}, {"call", 0.2f},
    {"email", 0.2f}, {"emailed", 0.2f}, {"text", 0.2f}, {"texted", 0.2f}, {"contact", 0.2f},
    {"contacted", 0.2f}, {"message", 0.2f}, {"messaged", 0.2f}, {"talked to", 0.2f},
    {"spoke to", 0.2f}, {"spoke with", 0.2f}, {"married", 0.2f}, {"dating", 0.2f},
    {"starring", 0.2f}, {"featuring", 0.2f}, {"directed by", 0.2f}, {"written by", 0.2f},
    {"according to", 0.2f}, {"thanks to", 0.2f}, {"hired", 0.2f}, {"fired", 0.2f},
    {"cc", 0.2f}, {"attn", 0.3f}, {"letter for", 0.3f}, {"letter to", 0.3f},
    {"email to", 0.3f}, {"message to", 0.3f}, {"message for", 0.3f}, {"note to", 0.3f},
};
// Relations: "my wife", "our lawyer", ... (0.4).
constexpr std::string_view kPossessives[] = {"my", "our", "his", "her", "their", "your"};
constexpr std::string_view kRelations[] = {
    "assistant", "attorney", "aunt", "baby", "best friend", "boss", "boyfriend", "brother",
    "child", "classmate", "client", "coach", "colleague", "co-worker", "coworker", "cousin",
    "dad", "daughter", "dentist", "doctor", "employee", "ex", "father", "fiance", "fiancee",
    "fiancé", "fiancée", "friend", "girlfriend", "grandfather", "grandma", "grandmother",
    "grandpa", "husband", "kid", "landlady", "landlord", "lawyer", "manager", "mentor", "mom",
    "mother", "mum", "neighbor", "neighbour", "nephew", "niece", "nurse", "partner", "patient",
    "roommate", "sister", "son", "student", "supervisor", "teacher", "tenant", "therapist",
    "uncle", "wife",
};
constexpr std::string_view kAfter[] = {
    "said", "says", "told", "tells", "wrote", "writes", "asked", "asks", "replied", "replies",
    "explained", "added", "noted", "texted", "emailed", "called", "mentioned", "suggested",
    "agreed", "confirmed", "thinks", "thought", "wants", "wanted",
};
constexpr std::string_view kSignOffs[] = {
    "abraços", "all the best", "amicalement", "atenciosamente", "atentamente", "best",
    "best regards", "best wishes", "bien cordialement", "cheers", "cordiali saluti",
    "cordialement", "cordially", "distinti saluti", "faithfully", "groeten", "gruß", "grüße",
    "hälsningar", "kind regards", "liebe grüße", "love", "many thanks", "med vänlig hälsning",
    "met vriendelijke groet", "mit freundlichen grüßen", "mvh", "pozdrawiam", "regards",
    "respectfully", "s pozdravem", "saludos", "saluti", "saygılarımla", "signed", "sincerely",
    "sincerely yours", "terveisin", "thank you", "thanks", "thanks again", "un saludo",
    "viele grüße", "warm regards", "warmest regards", "xoxo", "yours", "yours faithfully",
    "yours sincerely", "yours truly", "ystävällisin terveisin", "z poważaniem",
    "с уважением", "всего доброго",
};
constexpr std::string_view kLabels[] = {
    "account holder", "apellido", "applicant", "attention", "attn", "author", "beneficiary",
    "card holder", "cardholder", "client", "client name", "cognome", "contact", "contact name",
    "customer", "customer name", "employee", "employee name", "first name", "from",
    "full name", "given name", "holder", "imię", "last name", "naam", "nachname", "name",
    "namn", "nazwisko", "nimi", "nom", "nombre", "nome", "patient", "patient name", "prénom",
    "recipient", "sender", "signature", "signed", "surname", "to", "vorname", "имя", "фамилия",
    "фио",
};

// Nouns that follow a product's name and rarely a person's ("Docker
// container", "Java SDK", "Oscar app"), and verbs done to software
// ("install Terraform"). Written from general knowledge of technical
// English; "project", "account", "service" and the like are left out: they
// follow people's names too.
constexpr std::string_view kProductNouns[] = {
    "api", "apis", "sdk", "sdks", "cli", "app", "apps", "framework", "frameworks", "library",
    "libraries", "package", "packages", "plugin", "plugins", "module", "modules", "extension",
    "extensions", "container", "containers", "image", "images", "cluster", "clusters", "instance",
    "instances", "server", "servers", "cloud", "platform", "dashboard", "settings", "configuration",
    "configurations", "config", "console", "engine", "runtime", "compiler", "interpreter", "repo",
    "repository", "workflow", "workflows", "pipeline", "pipelines", "deployment", "provider",
    "providers", "models", "dependency", "dependencies", "documentation", "docs", "sketch",
    "firmware", "driver", "drivers", "database", "databases", "syntax", "feature", "features",
    "registry", "daemon", "endpoint", "endpoints", "developer", "developers", "ai", "ide",
    "installation", "codebase", "webhook", "webhooks", "middleware", "backend", "frontend",
};
constexpr std::string_view kProductVerbs[] = {
    "install", "installs", "installing", "installed", "uninstall", "reinstall", "deploy",
    "deploying", "deployed", "customising", "customizing", "customise", "customize", "configure",
    "configuring", "upgrade", "upgrading", "import", "importing", "dockerize", "containerize",
};

// The kCueMask code of a cue's score.
uint8_t CueCode(float score) {
  for (uint8_t i = 1; i < std::size(kCueScores); ++i) {
    if (kCueScores[i] == score) return i;
  }
  return 0;
}

}  // namespace

CueTables::CueTables() {
  // The first list that holds a word decides its class.
  auto add = [&](std::span<const std::string_view> list, CueWord c) {
    for (auto w : list) {
      if (words.LookupFolded(w) == 0) words.Insert(w, static_cast<uint8_t>(c));
    }
  };
  add(kHonorific, CueWord::kHonorific);
  add(kStop, CueWord::kStop);
  add(kHead, CueWord::kHead);
  add(kPrefix, CueWord::kPrefix);
  add(kParticles, CueWord::kParticle);
  // A later entry for the same phrase replaces an earlier one.
  std::map<std::string, float> cues;
  for (const Cue& c : kCues) cues[std::string(c.phrase)] = c.score;
  for (auto p : kPossessives) {
    for (auto r : kRelations) cues[std::string(p) + " " + std::string(r)] = 0.4f;
  }
  auto final_word = [&](std::string_view phrase) {
    phrases.Insert(phrase.substr(phrase.rfind(' ') + 1), kFinalBit);
  };
  for (const auto& [phrase, score] : cues) phrases.Insert(phrase, CueCode(score)), final_word(phrase);
  for (auto w : kAfter) phrases.Insert(w, kAfterBit);
  for (auto w : kSignOffs) phrases.Insert(w, kSignOffBit);
  for (auto w : kLabels) phrases.Insert(w, kLabelBit), final_word(w);
  for (auto w : kProductNouns) products.Insert(w, kProductNoun);
  for (auto w : kProductVerbs) products.Insert(w, kProductVerb);
  for (std::string_view w : {"in", "near", "into", "across", "outside", "inside", "around", "towards",
                             "toward", "downtown", "visit", "visiting", "visited"})
    phrases.Insert(w, kLocativeBit);
}

const CueTables& CueTables::Get() {
  static const CueTables tables;
  return tables;
}

}  // namespace winnow::pii
