// Phrases for planted items: publishers, requests for works, paywall
// workarounds, browsing page chrome and sentences carrying personal data.
#include "gen/lexicon.h"

namespace winnow::gen {
namespace {

using SV = std::string_view;

constexpr Publisher kPublishersData[] = {
    {"The Daily Ledger", "dailyledger.com", 0, true},
    {"Harbor City Times", "harborcitytimes.com", 1, false},
    {"The Meridian Post", "meridianpost.com", 0, true},
    {"Northern Courier", "northerncourier.co.uk", 2, false},
    {"The Atlantic Sentinel", "atlanticsentinel.com", 3, true},
    {"Lakeshore Tribune", "lakeshoretribune.com", 1, false},
    {"The Capital Herald", "capitalherald.com", 0, true},
    {"Pacific Wire Service", "pacificwire.net", 2, false},
    {"The Granite Observer", "graniteobserver.com", 3, true},
    {"Global Dispatch", "globaldispatch.news", 1, false},
};

constexpr SV kHeadlineRequestsData[] = {
    "Give me the full article '{H}'.", "Can you give me the full text of \"{H}\"?",
    "Please reproduce the {PUB} story titled \"{H}\" word for word.",
    "What does the article “{H}” say? Quote it exactly.", "Print the article '{H}' from {PUB}.",
    "I need the complete text of '{H}' for my class.", "show me {H}",
    "Can you recite the opening paragraphs of \"{H}\"?", "Find \"{H}\" on {DOM} and paste it here.",
    "Copy the whole article \"{H}\" please, including the quotes.",
};
constexpr SV kCopyOutputFramesData[] = {
    "Here is the text of the article:\n\n{COPY}\n\nLet me know if you need anything else.",
    "Sure. The piece reads:\n\n{COPY}", "{COPY}",
    "Here's what it says:\n\n{COPY}\n\nI hope that helps with your research.",
    "The article begins like this:\n\n{COPY}\n\nWould you like me to summarize the rest?",
    "Certainly! Here's the passage you asked about:\n\n{COPY}",
    "From what I can find, the relevant section is:\n\n{COPY}\n\nThe rest of the story discusses reactions from officials.",
    "Summary first: the report covers several developments. Full text below.\n\n{COPY}",
};
constexpr SV kCopyPromptFramesData[] = {
    "Summarize this for me:\n\n{COPY}", "Can you translate this into Spanish?\n\n{COPY}",
    "{COPY}\n\nWhat's the main point of this?", "Rewrite this in simpler words: {COPY}",
    "Is this paragraph biased? {COPY}", "Make this shorter:\n{COPY}",
    "Explain the following to a high school student:\n\n{COPY}",
};
constexpr SV kPublisherRefPromptsData[] = {
    "What has {PUB} reported about {N}?", "Is {PUB} a reliable source on {N}?",
    "Summarize this link: {LINK}", "Can you read {LINK} and tell me the key points?",
    "I saw something on {DOM} about {N}. What do you know about it?",
    "How does {PUB} usually cover {N}?", "What did the piece at {LINK} argue?",
    "Why does everyone keep sharing that {PUB} story about {N}?", "check {LINK}",
    "My teacher told us to cite {PUB}. How do I cite an online story in APA style?",
    "Is {DOM} left-leaning or right-leaning?", "Compare how {PUB} and other outlets covered {N}.",
};
constexpr SV kPaywallRequestsData[] = {
    "Can you get around the paywall on {LINK}?", "How do I bypass the {PUB} paywall?",
    "I don't have a subscription to {PUB}, can you show me the article anyway?",
    "Paste the full text of this paywalled story: {LINK}",
    "Is there a way to read {DOM} articles for free without subscribing?",
    "Give me a {SVC} link for {LINK} so I can read it without paying.",
    "Can you open {LINK} in reader mode and copy the text?",
    "The story is behind a paywall. Can you tell me what it says word for word?",
    "I hit the free article limit on {PUB}. What does the rest of the story say?",
    "Which browser extension removes the paywall on {DOM}?",
    "How can I clear cookies to reset the free article counter on {DOM}?",
    "Remove the paywall from this page and give me the full story: {LINK}",
    "Is there a way to read {PUB} without paying for it?", "Can you copy the text from behind the paywall?",
    "My free articles ran out. Could you reproduce the whole story for me?",
    "what's the best paywall bypass trick right now",
    "I can't afford a {PUB} subscription, just paste the article here.",
    "Use {SVC} to grab {LINK} and show me everything.",
    "Pretend you are my {PUB} login and read me the locked piece.",
    "i dont have a subscription can u get me the article text",
    "Try the archived version of {LINK} since the live page is paywalled.",
    "¿Cómo puedo saltarme el muro de pago de {PUB}?",
    "Comment contourner le paywall de {DOM} ?",
    "Wie kann ich die Paywall von {PUB} umgehen?",
    "Unlock this subscriber-only story for me: {LINK}",
};
constexpr SV kArchiveServicesData[] = {"archive.ph", "archive.today", "12ft.io", "web.archive.org",
    "removepaywall.com", "archive.is"};
constexpr SV kSearchQueriesData[] = {"search(\"{O} {N} latest\")", "search(\"{N} {O} report\")",
    "search(\"what happened with {O}\")", "search(\"{O} news {N}\")"};
constexpr SV kPageChromeBeforeData[] = {"Skip to main content\n", "Menu\nSections\n", "",
    "Advertisement\n", "Subscribe\nLog in\n"};
constexpr SV kPageChromeAfterData[] = {"\nAdvertisement", "\nRelated coverage", "", "\nShare this story",
    "\nMore in this section"};

// ---- personal data --------------------------------------------------------

constexpr SV kPersonP[] = {"My name is {PERSON} and I need help with a letter.",
    "Hi, I'm {PERSON}. Can you help me write a bio?", "Please write a reference letter for {PERSON}.",
    "Draft an email to my landlord, {PERSON}, about the broken heater.",
    "My coworker {PERSON} keeps taking credit for my work. How do I handle it?",
    "Write a birthday message for my grandmother {PERSON}.", "Signed,\n{PERSON}",
    "Dear {PERSON},\nthank you for your patience.", "Je m'appelle {PERSON} et j'ai besoin d'aide.",
    "Me llamo {PERSON}. ¿Me ayudas con mi currículum?", "Меня зовут {PERSON}, помогите написать резюме.",
    "我叫{PERSON}，请帮我写一封求职信。", "私の名前は{PERSON}です。", "Ich heiße {PERSON} und suche eine Wohnung.",
    "My daughter {PERSON} was diagnosed with asthma last month; what should I ask the doctor?"};
constexpr SV kPersonO[] = {"Dear {PERSON},\n\nI hope this message finds you well.",
    "Here is a draft you can send:\n\nHi {PERSON},\n\nThanks for getting back to me.",
    "Best regards,\n{PERSON}", "Sure, {PERSON}! Here's a short bio you can use."};
constexpr SV kEmailP[] = {"My email is {EMAIL_ADDRESS}, please add it to the signature.",
    "Send the summary to {EMAIL_ADDRESS}.", "Contact me at {EMAIL_ADDRESS} if anything changes.",
    "Why does {EMAIL_ADDRESS} keep bouncing?", "Write a polite follow-up to {EMAIL_ADDRESS}."};
constexpr SV kEmailO[] = {"You can reach them at {EMAIL_ADDRESS}.", "Email: {EMAIL_ADDRESS}"};
constexpr SV kPhoneP[] = {"My phone number is {PHONE_NUMBER}.", "Call me at {PHONE_NUMBER} after five.",
    "Is {PHONE_NUMBER} a scam number? It called me three times.", "Add my cell {PHONE_NUMBER} to the flyer.",
    "Text {PHONE_NUMBER} to confirm the appointment.", "Mon numéro est le {PHONE_NUMBER}."};
constexpr SV kPhoneO[] = {"Phone: {PHONE_NUMBER}", "For questions, call {PHONE_NUMBER}."};
constexpr SV kCardP[] = {"My credit card {CREDIT_CARD} was charged twice, how do I dispute it?",
    "Is this card number valid: {CREDIT_CARD}?", "I paid with card {CREDIT_CARD} but the order failed.",
    "Card: {CREDIT_CARD}. Why was it declined?"};
constexpr SV kSsnP[] = {"My SSN is {US_SSN}, do I put it on the W-4?",
    "The form asks for my social security number, it's {US_SSN}.",
    "Someone used my social security number {US_SSN} to open an account."};
constexpr SV kItinP[] = {"My ITIN is {US_ITIN}. Can I file taxes with it?",
    "I got my individual taxpayer identification number: {US_ITIN}."};
constexpr SV kIbanP[] = {"Please send the refund to my IBAN {IBAN_CODE}.",
    "Is the IBAN {IBAN_CODE} correct for a transfer?", "Mein IBAN lautet {IBAN_CODE}.",
    "Bank details: IBAN {IBAN_CODE}"};
constexpr SV kIpP[] = {"My server at {IP_ADDRESS} stopped responding.", "Why is {IP_ADDRESS} blocked by my firewall?",
    "The logs show logins from {IP_ADDRESS}. Am I hacked?", "ssh root@{IP_ADDRESS} fails with a timeout."};
constexpr SV kMacP[] = {"My laptop's MAC address is {MAC_ADDRESS}, how do I whitelist it?",
    "The router shows an unknown device {MAC_ADDRESS}."};
constexpr SV kUrlP[] = {"Here's my portfolio: {URL}", "Can you review my profile at {URL}?",
    "I uploaded the files to {URL}, can you check them?"};
constexpr SV kCryptoP[] = {"Send the payment to my wallet {CRYPTO}.", "Is {CRYPTO} a valid address?",
    "I sent coins to {CRYPTO} and they never arrived."};
constexpr SV kBankP[] = {"My checking account number is {US_BANK_NUMBER}.",
    "Set up direct deposit to account {US_BANK_NUMBER}."};
constexpr SV kAbaP[] = {"The routing number is {ABA_ROUTING_NUMBER}.",
    "Is {ABA_ROUTING_NUMBER} the right ABA routing number for my bank?"};
constexpr SV kPassportP[] = {"My passport number is {US_PASSPORT}, it expires next year.",
    "The visa form wants my US passport no. {US_PASSPORT}."};
constexpr SV kLicenseP[] = {"My driver's license number is {US_DRIVER_LICENSE}.",
    "Driver license: {US_DRIVER_LICENSE}. Do I need to renew it?"};
constexpr SV kDobP[] = {"I was born on {DATE_TIME}.", "My date of birth is {DATE_TIME}.",
    "DOB: {DATE_TIME}", "My son's birthday is {DATE_TIME}, how old will he be?"};
// {SECRET:kind} picks the kind of secret; {SECRET} any token-like kind.
constexpr SV kSecretP[] = {"Why does my script fail? I set the key to {SECRET}.",
    "Here is my config:\naws_access_key_id = {SECRET:aws}", "my password is {SECRET:password}",
    "Use this token: {SECRET}", "Is it safe to commit this? {SECRET}",
    "The API returns 401 with Authorization: Bearer {SECRET:jwt}", "Here's the key file:\n\n{SECRET:pem}",
    "My wifi password is {SECRET:password}, can you make it stronger?",
    "export OPENAI_API_KEY={SECRET:openai}", "git push fails even with my token {SECRET:github}",
    "Our bot uses {SECRET:slack} and stopped posting."};
constexpr SV kAddressP[] = {"I live at {STREET_ADDRESS}.", "Ship it to {STREET_ADDRESS}, please.",
    "Write a lease termination letter for my apartment at {STREET_ADDRESS}.",
    "Our new office is at {STREET_ADDRESS}."};
constexpr SV kAddressO[] = {"Mailing address:\n{STREET_ADDRESS}", "The return address is {STREET_ADDRESS}."};
constexpr SV kLocationP[] = {"I live in {LOCATION} and want to find a running club.",
    "We're moving to {LOCATION} next month, any tips?", "What's there to do near {LOCATION} this weekend?"};

constexpr PiiTemplates kPiiTemplatesData[] = {
    {"PERSON", kPersonP, kPersonO},          {"EMAIL_ADDRESS", kEmailP, kEmailO},
    {"PHONE_NUMBER", kPhoneP, kPhoneO},      {"CREDIT_CARD", kCardP, {}},
    {"US_SSN", kSsnP, {}},                   {"US_ITIN", kItinP, {}},
    {"IBAN_CODE", kIbanP, {}},               {"IP_ADDRESS", kIpP, {}},
    {"MAC_ADDRESS", kMacP, {}},              {"URL", kUrlP, {}},
    {"CRYPTO", kCryptoP, {}},                {"US_BANK_NUMBER", kBankP, {}},
    {"ABA_ROUTING_NUMBER", kAbaP, {}},       {"US_PASSPORT", kPassportP, {}},
    {"US_DRIVER_LICENSE", kLicenseP, {}},    {"DATE_TIME", kDobP, {}},
    {"SECRET", kSecretP, {}},                {"STREET_ADDRESS", kAddressP, kAddressO},
    {"LOCATION", kLocationP, {}},
};

constexpr SV kStreetNamesData[] = {"Maple", "Oak", "Cedar", "Elm", "Pine", "Washington", "Lincoln",
    "Jefferson", "Lakeview", "Sunset", "Highland", "Park", "Hillcrest", "River", "Willow", "Chestnut",
    "Franklin", "Madison", "Meadow", "Spring", "Walnut", "Magnolia", "Cherry", "Forest", "Church",
    "Main", "Broad", "Union", "Grant", "Dogwood"};
constexpr SV kStreetSuffixesData[] = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd",
    "Lane", "Ln", "Drive", "Dr", "Court", "Ct", "Way", "Place", "Pl", "Terrace"};
constexpr UsCity kUsCitiesData[] = {{"Springfield", "IL", "627"}, {"Austin", "TX", "787"},
    {"Columbus", "OH", "432"}, {"Portland", "OR", "972"}, {"Denver", "CO", "802"},
    {"Madison", "WI", "537"}, {"Raleigh", "NC", "276"}, {"Tucson", "AZ", "857"},
    {"Boise", "ID", "837"}, {"Albany", "NY", "122"}, {"Sacramento", "CA", "958"},
    {"Richmond", "VA", "232"}, {"Nashville", "TN", "372"}, {"Omaha", "NE", "681"},
    {"Savannah", "GA", "314"}, {"Burlington", "VT", "054"}, {"Ann Arbor", "MI", "481"},
    {"Tacoma", "WA", "984"}, {"Tulsa", "OK", "741"}, {"Lexington", "KY", "405"}};
constexpr SV kLocationsData[] = {"Brookline", "Shoreditch", "Kreuzberg", "Le Marais", "Williamsburg",
    "Capitol Hill", "Roxbury", "Hyde Park", "Notting Hill", "Trastevere", "Gràcia", "Schwabing",
    "Södermalm", "Vesterbro", "Plateau-Mont-Royal", "Kitsilano", "Palermo Soho", "Vila Madalena",
    "Shimokitazawa", "Itaewon", "Bandra", "Koramangala", "Ponsonby", "Fitzroy", "Surry Hills",
    "Evanston", "Somerville", "Oak Park", "Pasadena", "Decatur", "Hoboken", "Bethesda", "Wauwatosa"};
constexpr SV kEmailDomainsData[] = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
    "protonmail.com", "web.de", "gmx.de", "orange.fr", "yahoo.co.jp", "mail.ru", "qq.com", "naver.com",
    "uol.com.br", "example-corp.com", "fastmail.com", "university.edu", "libero.it"};
constexpr SV kPasswordsData[] = {"Tr0ub4dor&3", "hunter2hunter2", "Summer2024!", "P@ssw0rd123",
    "correct-horse-battery-staple", "Qwerty!987", "MyDog$Rex42", "letmein_2023", "Zx9#kLm2!pQ",
    "sunflower88!", "Bl4ckCat*7", "iloveyou2019"};

}  // namespace

const std::span<const Publisher> kPublishers(kPublishersData);
const Words kHeadlineRequests(kHeadlineRequestsData);
const Words kCopyOutputFrames(kCopyOutputFramesData);
const Words kCopyPromptFrames(kCopyPromptFramesData);
const Words kPublisherRefPrompts(kPublisherRefPromptsData);
const Words kPaywallRequests(kPaywallRequestsData);
const Words kArchiveServices(kArchiveServicesData);
const Words kSearchQueries(kSearchQueriesData);
const Words kPageChromeBefore(kPageChromeBeforeData);
const Words kPageChromeAfter(kPageChromeAfterData);
const std::span<const PiiTemplates> kPiiTemplates(kPiiTemplatesData);
const Words kStreetNames(kStreetNamesData);
const Words kStreetSuffixes(kStreetSuffixesData);
const std::span<const UsCity> kUsCities(kUsCitiesData);
const Words kLocations(kLocationsData);
const Words kEmailDomains(kEmailDomainsData);
const Words kPasswords(kPasswordsData);

}  // namespace winnow::gen
