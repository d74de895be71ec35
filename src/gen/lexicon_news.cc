// News vocabulary and sentence templates for the synthetic works. Fictional
// organizations and people; the prose imitates wire-style reporting.
#include "gen/lexicon.h"

namespace winnow::gen {
namespace {

using SV = std::string_view;

// ---- business ----
constexpr SV kBizNouns[] = {"consumer spending", "interest rates", "factory orders", "quarterly profits",
    "shipping costs", "retail sales", "corporate borrowing", "wage growth", "commodity prices",
    "venture funding", "mortgage applications", "export volumes", "freight rates", "household savings",
    "inventory levels", "business investment"};
constexpr SV kBizActions[] = {"approved a plan to expand", "agreed to sell", "announced a review of",
    "raised its forecast for", "cut its spending on", "delayed the launch of", "reached a deal to acquire",
    "began a restructuring of", "scrapped plans to close", "set aside funds for", "sharply reduced",
    "opened talks to merge"};
constexpr SV kBizObjects[] = {"its regional distribution centers", "a struggling packaging unit",
    "its consumer lending business", "three assembly plants", "its overseas retail operations",
    "a portfolio of office buildings", "its cargo airline subsidiary", "the frozen foods division",
    "a network of data centers", "its insurance brokerage arm", "two coastal refineries",
    "its online payments platform"};
constexpr SV kBizTrends[] = {"slowed for a third straight quarter", "rose more than expected",
    "fell to their lowest level in a decade", "rebounded after a weak winter", "held steady",
    "climbed sharply in the spring", "edged lower", "surged on strong demand"};
constexpr SV kBizQuotes[] = {"We are confident this is the right decision for our customers and our employees",
    "The fundamentals of the business remain strong, even if the next few quarters will be bumpy",
    "Nobody expected the slowdown to arrive this quickly",
    "This gives us the flexibility to invest where the growth is",
    "We have been clear with investors that discipline comes first",
    "It is a difficult market, and we are not going to pretend otherwise",
    "The numbers tell you that the consumer is tired",
    "We think the worst of the supply problems is behind us"};
constexpr SV kBizRoles[] = {"chief executive", "chief financial officer", "chair", "senior economist",
    "head of research", "managing director"};
constexpr SV kBizHeadlines[] = {"{O} to Cut {NUM}00 Jobs as Demand Cools in {K}",
    "{O} Profit Beats Forecasts Despite Slowdown in {K}", "{O} Agrees to {NUM} Billion Takeover Deal",
    "Investors Sour on {O} After Warning on {K} Sales", "{O} Shares Slide as Costs Climb in {K}",
    "{O} Bets on {K} With New Plant", "Why {O} Is Rethinking Its Future in {K}",
    "{O} Scraps Merger Plan After Pushback From Shareholders"};

// ---- politics ----
constexpr SV kPolNouns[] = {"voter turnout", "public confidence in the government", "border crossings",
    "support for the coalition", "campaign spending", "housing costs", "the budget deficit",
    "approval ratings", "defense spending", "regional tensions", "legislative gridlock", "energy subsidies",
    "pension costs", "local election results"};
constexpr SV kPolActions[] = {"unveiled a proposal to overhaul", "voted to block", "opened an inquiry into",
    "pledged to expand", "blocked a bill that would have reformed", "quietly shelved",
    "demanded a review of", "reached a compromise on", "called for new limits on", "promised to protect"};
constexpr SV kPolObjects[] = {"the national pension system", "rules on campaign donations",
    "funding for rural hospitals", "the electoral map", "a long-delayed infrastructure package",
    "the country's immigration courts", "emergency powers granted during the pandemic",
    "the state broadcaster", "subsidies for first-time home buyers", "the civil service"};
constexpr SV kPolTrends[] = {"fell sharply after the scandal", "rose in every region",
    "remained stubbornly high", "dropped for the first time in years", "shifted toward the opposition",
    "stabilized over the summer"};
constexpr SV kPolQuotes[] = {"The people have sent a clear message, and we intend to listen",
    "This is not about party, it is about what works",
    "We will not be lectured by those who created this mess",
    "Every family deserves to know where its money is going",
    "There is still a path to a deal if both sides are serious",
    "I have never seen the chamber this divided"};
constexpr SV kPolRoles[] = {"prime minister", "opposition leader", "senator", "interior minister",
    "mayor", "party spokesperson", "finance minister"};
constexpr SV kPolHeadlines[] = {"Coalition in {K} Wobbles Over Budget Vote",
    "{K} Lawmakers Reject Pension Overhaul After {NUM} Hours of Debate",
    "Opposition Gains Ground in {K} Ahead of Snap Election", "{K} Leader Faces Revolt Over Border Plan",
    "Inside the Fight Over {K}'s Housing Crisis", "{O} Report Raises Questions About {K} Election Spending",
    "{K} Parliament Approves Emergency Aid Package", "What the {K} Vote Means for the Region"};

// ---- technology ----
constexpr SV kTechNouns[] = {"chip shortages", "cloud computing revenue", "smartphone shipments",
    "data breaches", "online advertising sales", "software subscriptions", "battery prices",
    "satellite launches", "app downloads", "semiconductor exports", "cyberattacks on hospitals",
    "demand for graphics processors", "broadband coverage", "ransomware payments"};
constexpr SV kTechActions[] = {"rolled out an update to", "paused the development of", "open sourced",
    "quietly tested", "recalled thousands of", "acquired the team behind", "launched a rival to",
    "raised prices for", "settled a lawsuit over", "shut down"};
constexpr SV kTechObjects[] = {"its voice assistant", "a generative writing tool", "its home security cameras",
    "a low-cost laptop line", "its ride-hailing app", "a chip designed for data centers",
    "its encrypted messaging service", "an experimental search engine", "its smart thermostat",
    "a subscription gaming service", "its mapping software", "a satellite internet service"};
constexpr SV kTechTrends[] = {"doubled over the past year", "fell for the first time since the pandemic",
    "grew faster than analysts had predicted", "plateaued", "jumped after the holiday season",
    "declined in most markets"};
constexpr SV kTechQuotes[] = {"We built this for people who never want to think about their settings",
    "Security is not a feature you bolt on at the end",
    "The technology is moving faster than the rules that govern it",
    "We made mistakes, and we are fixing them",
    "Our customers told us they wanted something simpler",
    "Nobody has figured out how to make money from this yet"};
constexpr SV kTechRoles[] = {"chief technology officer", "product manager", "security researcher",
    "founder", "chief executive", "industry analyst"};
constexpr SV kTechHeadlines[] = {"{O} Pulls Back on AI Features After Complaints",
    "{O} Hit by Data Breach Affecting {NUM} Million Users", "Regulators in {K} Take Aim at {O}",
    "{O} Unveils Cheaper Chip to Win Back Customers", "{O} Shutters Its Smart Home Unit",
    "How {O} Became the Quiet Giant of Cloud Storage", "Chip Makers Race to Build Plants in {K}",
    "{O} Settles Privacy Case in {K}"};

// ---- health ----
constexpr SV kHealthNouns[] = {"hospital admissions", "vaccination rates", "prescription drug prices",
    "emergency room wait times", "cases of measles", "obesity rates", "nursing shortages",
    "antibiotic resistance", "mental health visits", "overdose deaths", "clinical trial enrollment",
    "insurance premiums", "childhood asthma rates"};
constexpr SV kHealthActions[] = {"approved a new treatment for", "halted a trial of", "expanded coverage of",
    "issued new guidance on", "launched a study of", "cut funding for", "recalled batches of",
    "warned doctors about", "fast-tracked the review of", "published data on"};
constexpr SV kHealthObjects[] = {"a once-weekly diabetes drug", "an experimental Alzheimer's therapy",
    "home dialysis programs", "a nasal flu vaccine", "rural maternity wards", "generic blood pressure pills",
    "a gene therapy for sickle cell disease", "telehealth visits", "school nutrition programs",
    "a widely used heartburn medication"};
constexpr SV kHealthTrends[] = {"rose for the second winter in a row", "fell below prepandemic levels",
    "climbed sharply among teenagers", "leveled off", "dropped in most states", "spiked in the autumn"};
constexpr SV kHealthQuotes[] = {"Patients should talk to their doctors before making any changes",
    "The data is encouraging, but it is still early",
    "We are seeing people who put off care for far too long",
    "This is a problem we can solve if we fund it properly",
    "Nurses are exhausted, and they are leaving the profession",
    "It is the most promising result I have seen in twenty years"};
constexpr SV kHealthRoles[] = {"epidemiologist", "health commissioner", "chief medical officer",
    "professor of medicine", "hospital administrator", "pediatrician"};
constexpr SV kHealthHeadlines[] = {"{K} Hospitals Brace for Another Hard Winter",
    "New Drug From {O} Shows Promise in Early Trial", "Measles Cases Climb in {K} as Vaccination Lags",
    "{O} Recalls {NUM} Batches of Blood Pressure Pills", "Nurses in {K} Walk Out Over Staffing",
    "What a Landmark Study Says About Sleep and Memory", "{O} Cuts Price of Insulin in {K}",
    "Doctors in {K} Warn of Rising Antibiotic Resistance"};

// ---- climate ----
constexpr SV kClimNouns[] = {"carbon emissions", "wildfire risk", "sea ice coverage", "solar installations",
    "heat-related deaths", "coal consumption", "flood insurance claims", "electric vehicle sales",
    "groundwater levels", "offshore wind capacity", "crop yields", "methane leaks", "coral bleaching"};
constexpr SV kClimActions[] = {"committed to phase out", "approved the construction of", "sued to stop",
    "doubled its investment in", "abandoned plans for", "set a deadline to retire", "mapped the damage to",
    "restored", "delayed new rules on", "completed the first phase of"};
constexpr SV kClimObjects[] = {"its last coal-fired power station", "an offshore wind farm",
    "a pipeline through protected wetlands", "the river's eastern floodplain", "gas boilers in new homes",
    "a network of charging stations", "the northern peat bogs", "a desalination plant",
    "emissions standards for trucks", "a seawall along the harbor"};
constexpr SV kClimTrends[] = {"hit a record high", "fell for the first time in a generation",
    "rose faster than scientists had projected", "declined slightly", "recovered after the drought",
    "accelerated over the past decade"};
constexpr SV kClimQuotes[] = {"We are running out of time to get this right",
    "The science is clear, and the costs of waiting keep rising",
    "Farmers are the first to feel it, and they feel it every season",
    "This project will power hundreds of thousands of homes",
    "Nobody here has seen water like this before",
    "We cannot adapt our way out of a problem this large"};
constexpr SV kClimRoles[] = {"climate scientist", "environment minister", "energy analyst",
    "conservation director", "hydrologist", "utility executive"};
constexpr SV kClimHeadlines[] = {"{K} Sets Date to Close Last Coal Plant",
    "Floods Swamp Farmland Across {K}", "{O} Wins Approval for Offshore Wind Project",
    "Heat Wave Pushes Power Grid in {K} to the Brink", "{O} Faces Lawsuit Over Methane Leaks",
    "Drought Leaves {K} Farmers Counting Losses", "Record Solar Growth Surprises Forecasters in {K}",
    "Can {K} Save Its Coral Reefs?"};

// ---- sports ----
constexpr SV kSportNouns[] = {"ticket sales", "television ratings", "player salaries", "injury rates",
    "youth participation", "stadium attendance", "transfer spending", "sponsorship revenue",
    "betting activity", "season ticket renewals"};
constexpr SV kSportActions[] = {"signed a new contract with", "fired the coach of", "renewed its deal with",
    "fined", "suspended two players from", "unveiled plans for", "sold a minority stake in",
    "relocated", "won the championship against", "appealed the ban on"};
constexpr SV kSportObjects[] = {"its women's team", "the league's broadcaster", "a new riverside stadium",
    "its youth academy", "the national squad", "its veteran goalkeeper", "the club's training ground",
    "the tournament's organizers", "its star striker", "the cycling federation"};
constexpr SV kSportTrends[] = {"reached a record level", "slumped after the lockout", "grew steadily",
    "fell in the second half of the season", "recovered after the pandemic"};
constexpr SV kSportQuotes[] = {"We knew we had to be better in the second half",
    "This club means everything to the people of this city",
    "It was not our night, but we will be back",
    "The young players showed real character today",
    "I never imagined I would lift this trophy"};
constexpr SV kSportRoles[] = {"head coach", "team captain", "league commissioner", "sporting director",
    "club president", "team doctor"};
constexpr SV kSportHeadlines[] = {"{O} Clinch Title in Dramatic Finale", "{K} Stuns Favorites in Opening Match",
    "{O} Part Ways With Coach After {NUM} Losses", "Record Crowd Watches {K} Reach Final",
    "{O} Unveil Plans for New Stadium", "Doping Inquiry Clouds {K} Team's Triumph",
    "{O} Star Signs {NUM} Year Extension", "Can Anyone Stop {O} This Season?"};

// ---- courts ----
constexpr SV kLawNouns[] = {"class action filings", "wrongful conviction claims", "court backlogs",
    "antitrust enforcement", "eviction cases", "patent disputes", "jury awards", "legal aid funding",
    "securities fraud charges", "privacy complaints"};
constexpr SV kLawActions[] = {"filed a lawsuit challenging", "dismissed a case against", "upheld a ruling on",
    "agreed to settle claims over", "ordered a new trial in", "struck down", "opened an investigation into",
    "appealed a verdict involving", "issued subpoenas related to", "temporarily blocked"};
constexpr SV kLawObjects[] = {"the state's voter identification law", "a price-fixing scheme",
    "the company's hiring practices", "a zoning decision", "the sale of customer data",
    "a controversial mining permit", "the merger of two hospital chains", "a ban on short-term rentals",
    "the agency's surveillance program", "misleading loan advertisements"};
constexpr SV kLawTrends[] = {"rose sharply after the ruling", "fell to a ten-year low",
    "doubled since the new law took effect", "held steady", "climbed in nearly every district"};
constexpr SV kLawQuotes[] = {"The court has sent a strong signal that no one is above the law",
    "We respectfully disagree with the decision and will appeal",
    "My client has waited years for this day",
    "This ruling will affect millions of ordinary consumers",
    "The evidence simply did not support the charges"};
constexpr SV kLawRoles[] = {"judge", "attorney general", "defense lawyer", "prosecutor",
    "law professor", "general counsel"};
constexpr SV kLawHeadlines[] = {"Judge Blocks {O} Merger in {K}", "{O} to Pay {NUM} Million to Settle Claims",
    "Court in {K} Strikes Down Rental Ban", "{O} Faces Antitrust Suit Over Pricing",
    "Appeals Court Revives Case Against {O}", "Prosecutors in {K} Charge {NUM} in Fraud Scheme",
    "Supreme Court of {K} Rules on Data Privacy", "{O} Wins Patent Fight With Rival"};

// ---- science ----
constexpr SV kSciNouns[] = {"research funding", "telescope observations", "fossil discoveries",
    "bird populations", "ocean temperatures", "vaccine research", "particle collisions",
    "bee colonies", "glacier melt", "asteroid detections", "plant diversity"};
constexpr SV kSciActions[] = {"published a study on", "sequenced the genome of", "discovered a new species of",
    "launched a probe to study", "completed a survey of", "recreated", "mapped", "detected signs of",
    "revised its estimate of", "digitized"};
constexpr SV kSciObjects[] = {"deep-sea microbes", "an ancient river delta", "a giant freshwater turtle",
    "the moon's south pole", "a long-extinct flightless bird", "the earliest known cave paintings",
    "a distant ice giant", "soil fungi in old forests", "a rare migratory butterfly",
    "the oldest surviving star maps"};
constexpr SV kSciTrends[] = {"declined by nearly a third", "rose for the first time in decades",
    "varied widely between regions", "shrank faster than expected", "recovered in protected areas"};
constexpr SV kSciQuotes[] = {"It changes how we think about the early history of life",
    "We were honestly not expecting to find anything",
    "This is the kind of result that needs to be replicated",
    "The more we look, the stranger it gets",
    "It took a decade of careful work to get here"};
constexpr SV kSciRoles[] = {"biologist", "astronomer", "paleontologist", "lead author",
    "research director", "geologist"};
constexpr SV kSciHeadlines[] = {"Scientists in {K} Find Clues to an Ancient Mystery",
    "{O} Probe Sends Back First Images", "A Lost Species Turns Up in {K}",
    "Study by {O} Links Ocean Heat to Fish Declines", "Why Bees in {K} Are Vanishing",
    "{O} Researchers Map {NUM} New Deep-Sea Species", "Cave Discovery in {K} Rewrites Human History",
    "Astronomers Spot {NUM} Strange Signals"};

constexpr NewsTopic kTopics[] = {
    {"business", kBizNouns, kBizActions, kBizObjects, kBizTrends, kBizQuotes, kBizRoles, kBizHeadlines},
    {"politics", kPolNouns, kPolActions, kPolObjects, kPolTrends, kPolQuotes, kPolRoles, kPolHeadlines},
    {"technology", kTechNouns, kTechActions, kTechObjects, kTechTrends, kTechQuotes, kTechRoles, kTechHeadlines},
    {"health", kHealthNouns, kHealthActions, kHealthObjects, kHealthTrends, kHealthQuotes, kHealthRoles,
     kHealthHeadlines},
    {"climate", kClimNouns, kClimActions, kClimObjects, kClimTrends, kClimQuotes, kClimRoles, kClimHeadlines},
    {"sports", kSportNouns, kSportActions, kSportObjects, kSportTrends, kSportQuotes, kSportRoles,
     kSportHeadlines},
    {"courts", kLawNouns, kLawActions, kLawObjects, kLawTrends, kLawQuotes, kLawRoles, kLawHeadlines},
    {"science", kSciNouns, kSciActions, kSciObjects, kSciTrends, kSciQuotes, kSciRoles, kSciHeadlines},
};

constexpr SV kWorkSentencesData[] = {
    "{O1} said on {D} that it {A} {X}, a move that {P} of {O} said could reshape the market.",
    "{OQ}{Q},{CQ} {P}, the {R} of {PO}, said in an interview.",
    "{OQ}{Q},{CQ} said {P}, who has followed the issue for years.",
    "The announcement by {O1} comes as {N} {T} across {K}, according to figures released by {O}.",
    "{P} told reporters in {C} that the decision followed months of talks with {O}.",
    "Officials in {C} said they expected {N} to rise by {PCT} percent over the next {NUM} months.",
    "{O} {A} {X} in {Y}, and {P} said the results had exceeded expectations.",
    "Critics such as {P} argue that the plan ignores {N}, which {T} in {C} last year.",
    "{B}",
    "The figures, published by {O} on {D}, showed that {N} {T} in {NUM} regions around {C}.",
    "In {C}, where {O} employs about {NUM}00 people, the reaction was mixed.",
    "{P} said {PO} had {A} {X} only after a review led by {O}.",
    "The deal is worth about {AMT}, according to two people briefed on the talks.",
    "{O} has faced growing pressure from regulators in {K} over {N}.",
    "Some residents of {C} said they had first heard of the plan from neighbors.",
    "{OQ}{Q}.{CQ}",
    "Asked whether {O} would reconsider, {P} said only that every option remained on the table.",
    "A report by {O} in {M} found that {N} {T} in {C}, reversing gains made since {Y}.",
    "The change takes effect in {M} at {O1}, and it will apply to {X} as well.",
    "{P}, a {R} at {PO}, said the timing was not a coincidence.",
    "Shares of {O} {T} after the news, before recovering in late trading.",
    "It was the latest of {NUM} such announcements by {O} this year.",
    "At a meeting in {C} last week, {P} urged colleagues to move faster.",
    "The proposal would cost roughly {AMT} over five years, according to an estimate by {O}.",
    "Supporters say the measure is overdue; opponents say it goes too far.",
    "{P} did not say when a final decision would be made.",
    "The last time {N} {T} so quickly in {C} was in {Y}, when {O} {A} {X}.",
    "Analysts at {O} said the outlook for {N} remained uncertain.",
    "{OQ}{Q},{CQ} {P} wrote in a letter to staff that was seen by reporters.",
    "By one estimate, {PCT} percent of households in {K} would be affected.",
    "{O} and {O} have clashed repeatedly over {N} in recent years.",
    "The move was first reported by local media in {C} on {D}.",
    "For now, {P} said, the priority is {X}.",
    "People close to {O1} described the mood inside the organization as tense.",
    "Even so, {N} {T} in {C}, a sign that the broader picture may be improving.",
    "In a statement, {O} said it {A} {X} to protect its long-term interests.",
    "{P} grew up in {C} and joined {PO} in {Y}.",
    "Neither side would say how much money had changed hands.",
    "The episode has renewed debate in {K} about {N}.",
    "Several lawmakers in {K} called for hearings on the matter.",
    "Independent experts said the numbers should be treated with caution.",
    "{O1} expects to complete the process by the end of {M}.",
    "The fallout reached {C} within days, according to officials there.",
    "Some of those involved spoke on the condition of anonymity because {O} had not authorized them to comment.",
    "{P} said the next step would be to consult with {O}.",
    "Over the past {NUM} years, {N} have become a central issue in {C}.",
};

constexpr SV kGenericQuotesData[] = {"We are going to take the time to get this right",
    "Nobody in this building thinks the status quo can continue",
    "I understand why people are frustrated, and I share that frustration",
    "There is no single fix, but there are a lot of small ones",
    "We heard the concerns loud and clear",
    "It is too early to say what the long-term effect will be",
    "This was never about one company or one city",
    "The details matter, and we have not seen them yet",
    "People want answers, and they deserve them",
    "We have been warning about this for years",
    "I would not call it a victory, but it is progress",
    "Everyone involved is acting in good faith",
    "The timing could hardly be worse",
    "We will keep pushing until the job is done",
    "It is a complicated situation with no easy answers",
    "I think people underestimate how fast this is changing",
    "Our priority is the people who depend on us",
    "What happens next depends on the regulators",
    "You cannot run a modern economy this way",
    "We were surprised by the scale of the response"};

constexpr SV kBoilerplateData[] = {
    "A spokesperson for {O} did not immediately respond to a request for comment.",
    "{O} declined to comment.",
    "The investigation is continuing, officials said.",
    "This story has been updated with additional details.",
    "{P} did not respond to messages seeking comment.",
    "Reporting was contributed by staff in {C}.",
    "Representatives for {O} did not return calls on {D}.",
    "The company said it would provide more details at a later date.",
};

constexpr SV kOrgPrefixesData[] = {"Northfield", "Arcadia", "Bellwether", "Cobalt", "Drummond", "Eastgate",
    "Fairhaven", "Granite", "Harrowgate", "Ironwood", "Juniper", "Kestrel", "Lakeview", "Meridian",
    "Norland", "Oakridge", "Pinecrest", "Quarry", "Redfern", "Silverline", "Tidewater", "Upland",
    "Valemont", "Westbrook", "Yarrow", "Zenith", "Alder", "Brightwater", "Castlerock", "Deepwell",
    "Everstone", "Foxglove", "Glenmore", "Highpoint", "Islington", "Jadeport", "Kingsway", "Larchmont",
    "Millbrook", "Newhaven", "Orchard", "Pemberton", "Quillon", "Ravenscroft", "Stonebridge", "Thornbury",
    "Unity", "Vantage", "Whitmore", "Ashcombe", "Blackmere", "Crestline", "Dunmore", "Elmhurst",
    "Fernwood", "Goldcrest", "Hollis", "Ivybridge", "Kinross", "Lindqvist", "Marlowe", "Nordhavn",
    "Osterley", "Portland", "Ridgeway", "Saltmarsh", "Trident", "Ulverston", "Verity", "Wexford",
    "Amberley", "Beaumont", "Clearwater", "Delmar", "Emberly", "Fulcrum", "Greystone", "Helix",
    "Ingram", "Jasper", "Kellerman", "Lumen", "Montague", "Nexus", "Orion", "Paragon", "Quantum",
    "Rosewood", "Sterling", "Tamarack", "Uplift", "Vireo", "Woodland", "Aurora", "Bramble", "Cypress",
    "Dawnridge", "Eldridge", "Falcon", "Garnet", "Horizon", "Ionic", "Keystone", "Lockhart", "Mistral",
    "Northstar", "Obsidian", "Peregrine", "Riverside", "Summit", "Talbot", "Umbra", "Vanguard",
    "Windrose", "Zephyr", "Almora", "Bastion", "Corvid", "Daventry", "Ellery", "Fenwick"};
constexpr SV kOrgSuffixesData[] = {"Capital", "Holdings", "Group", "Industries", "Health Systems",
    "Energy", "Logistics", "Foundation", "Institute", "Partners", "Bank", "Motors", "Pharmaceuticals",
    "Labs", "Analytics", "Insurance", "Airlines", "Media", "Foods", "Mining", "Semiconductor",
    "Technologies", "Retail", "Ventures", "Council", "University", "Research Center", "Trust",
    "Networks", "Biosciences", "Steel", "Shipping", "Telecom", "Power", "Water Authority",
    "Football Club", "Athletic Club", "Law Group", "Policy Center", "Securities"};

constexpr SV kCitiesData[] = {"Springfield", "Riverton", "Portsmouth", "Manchester", "Leeds", "Glasgow",
    "Dublin", "Cork", "Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux", "Montréal", "Québec City",
    "Toronto", "Vancouver", "Calgary", "Winnipeg", "Halifax", "Boston", "Chicago", "Denver", "Seattle",
    "Portland", "Austin", "Houston", "Atlanta", "Phoenix", "Detroit", "Cleveland", "Pittsburgh",
    "Baltimore", "Sacramento", "Tucson", "Omaha", "Milwaukee", "Nashville", "Charlotte", "Tampa",
    "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Buenos Aires", "Córdoba", "Rosario",
    "Santiago", "Valparaíso", "Lima", "Arequipa", "Bogotá", "Medellín", "Cali", "Quito", "Guayaquil",
    "Mexico City", "Guadalajara", "Monterrey", "Mérida", "Cancún", "Madrid", "Barcelona", "Sevilla",
    "Málaga", "Bilbao", "Valencia", "Lisbon", "Porto", "Coimbra", "Berlin", "Hamburg", "München",
    "Köln", "Düsseldorf", "Frankfurt", "Leipzig", "Zürich", "Genève", "Basel", "Wien", "Graz",
    "Salzburg", "Milan", "Turin", "Naples", "Bologna", "Florence", "Palermo", "Amsterdam", "Rotterdam",
    "Utrecht", "Antwerp", "Ghent", "Liège", "Copenhagen", "Aarhus", "Malmö", "Göteborg", "Stockholm",
    "Oslo", "Bergen", "Helsinki", "Tampere", "Reykjavík", "Kraków", "Gdańsk", "Wrocław", "Poznań",
    "Praha", "Brno", "Bratislava", "Budapest", "Debrecen", "Cluj-Napoca", "Timișoara", "Sofia",
    "Thessaloniki", "Athens", "İzmir", "Ankara", "Istanbul", "Tbilisi", "Yerevan", "Almaty", "Tashkent",
    "Mumbai", "Pune", "Bengaluru", "Chennai", "Hyderabad", "Kolkata", "Lahore", "Karachi", "Dhaka",
    "Colombo", "Kathmandu", "Bangkok", "Chiang Mai", "Hanoi", "Đà Nẵng", "Ho Chi Minh City",
    "Kuala Lumpur", "Penang", "Jakarta", "Surabaya", "Manila", "Cebu", "Osaka", "Nagoya", "Sapporo",
    "Fukuoka", "Busan", "Incheon", "Taichung", "Kaohsiung", "Shenzhen", "Chengdu", "Wuhan", "Hangzhou",
    "Perth", "Adelaide", "Brisbane", "Auckland", "Wellington", "Christchurch", "Nairobi", "Mombasa",
    "Kampala", "Kigali", "Dar es Salaam", "Lagos", "Abuja", "Ibadan", "Accra", "Kumasi", "Dakar",
    "Abidjan", "Casablanca", "Marrakesh", "Tunis", "Cairo", "Alexandria", "Amman", "Beirut", "Doha",
    "Muscat", "Johannesburg", "Cape Town", "Durban", "Windhoek", "Lusaka", "Harare"};
constexpr SV kCountriesData[] = {"the United States", "Canada", "Mexico", "Brazil", "Argentina", "Chile",
    "Colombia", "Peru", "Britain", "Ireland", "France", "Germany", "Spain", "Portugal", "Italy",
    "the Netherlands", "Belgium", "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland",
    "Poland", "the Czech Republic", "Hungary", "Romania", "Greece", "Turkey", "Egypt", "Morocco",
    "Nigeria", "Ghana", "Kenya", "Ethiopia", "South Africa", "India", "Pakistan", "Bangladesh",
    "Indonesia", "Vietnam", "Thailand", "the Philippines", "Malaysia", "Japan", "South Korea",
    "Taiwan", "Australia", "New Zealand", "Saudi Arabia", "Jordan", "Israel", "Ukraine", "Georgia",
    "Kazakhstan", "Iceland", "Estonia", "Chile", "Uruguay", "Senegal"};

constexpr SV kNegativeOpenersData[] = {
    "Here's a quick overview of what has been reported about {O1} and {N}:",
    "Sure! Here is a short summary of the situation involving {O1}.",
    "Based on general coverage of this topic, here's what stands out about {N} in {K}:",
    "Good question. The story around {O1} is a bit complicated, so here's a breakdown.",
    "I can't reproduce news articles, but I can summarize the main points about {O1} in my own words.",
    "Here's some context on {N} and why {O1} keeps coming up in the news.",
};
constexpr SV kNegativeSentencesData[] = {
    "In short, {O1} is under pressure because {N} {T}.",
    "{P} has been one of the most visible voices on this, mostly arguing for a cautious approach.",
    "The key point is that {O1} {A} {X}, which surprised a lot of observers.",
    "People in {C} seem divided: some welcome the change, others worry about jobs.",
    "It's worth noting that {N} {T} well before {O1} got involved.",
    "If you're following this for work, keep an eye on what {O} says next.",
    "Most commentators think the next few months will decide whether the plan survives.",
    "{P}, the {R} at {PO}, has said publicly that the company intends to keep going.",
    "Officials in {K} have not committed to a timeline yet.",
    "The numbers are still moving, so treat any single estimate with some caution.",
    "There's also a political angle, since lawmakers in {K} have raised questions.",
    "Roughly speaking, the debate is about cost versus long-term benefit.",
    "{O} did not immediately respond to requests for more detail, which is common at this stage.",
    "So the short answer is that nothing has been finalized.",
};
constexpr SV kNegativeBulletsData[] = {
    "- **Who is involved:** {P} ({R}, {PO}) and officials in {C}.",
    "- **What happened:** {O1} {A} {X}.",
    "- **Why it matters:** {N} {T}, and that affects a lot of people in {K}.",
    "- **What to watch:** whether {O} responds and how markets react.",
    "- **Background:** the issue has been building since around {Y}.",
    "- **Open questions:** cost, timing and whether regulators step in.",
    "- **Local impact:** residents of {C} are most directly affected.",
};

}  // namespace

const std::span<const NewsTopic> kNewsTopics(kTopics);
const Words kWorkSentences(kWorkSentencesData);
const Words kBoilerplate(kBoilerplateData);
const Words kGenericQuotes(kGenericQuotesData);
const Words kOrgPrefixes(kOrgPrefixesData);
const Words kOrgSuffixes(kOrgSuffixesData);
const Words kCities(kCitiesData);
const Words kCountries(kCountriesData);
const Words kNegativeOpeners(kNegativeOpenersData);
const Words kNegativeSentences(kNegativeSentencesData);
const Words kNegativeBullets(kNegativeBulletsData);

}  // namespace winnow::gen
