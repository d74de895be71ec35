// The shipped relevance policy and its paywall-workaround rule set. The
// paywall terms are general (not tied to a publisher): requests to bypass a
// paywall or a subscription, for the full text of an article, for archive or
// reader-mode services, to reset article counters, in English, Spanish,
// French and German. Users extend them with [[paywall.term]] tables.
#include "search/policy.h"

namespace winnow::search {

std::string_view DefaultPolicyToml() {
  return R"(# winnow's default relevance policy (docs/policy.md).
name = "winnow default policy"

[publishers]
# Every publisher the reference corpus names, with the domains of its URLs.
from_corpus = true

[paywall]
# The shipped paywall-workaround terms (winnow scan --print-paywall-terms).
defaults = true

[[rule]]
name = "corpus-copy"
category = "regurgitation"
priority = 1
signals = ["overlap"]
min_words = 40
min_near_words = 60
min_identity = 0.9

[[rule]]
name = "paywall-workaround"
category = "paywall"
priority = 1
signals = ["paywall"]

[[rule]]
name = "publisher-reference"
category = "publisher"
priority = 2
signals = ["publisher", "headline"]

[[rule]]
name = "search-terms"
category = "search-terms"
priority = 2
signals = ["terms"]

[[rule]]
name = "corpus-similar"
category = "regurgitation"
priority = 3
signals = ["similar"]
)";
}

std::string_view DefaultPaywallTerms() {
  return R"(# winnow's paywall-workaround terms (name<TAB>query; docs/search.md has the syntax).
paywall-word	paywall* w/10 (bypass* OR around OR past OR remov* OR avoid* OR skip* OR behind OR unlock* OR break* OR circumvent* OR evad* OR hack* OR trick* OR get OR text OR copy OR paste OR read* OR article* OR story OR stories OR page OR contourner OR umgehen OR saltar*)
subscription-lack	((subscription* OR subscribe OR subscribing OR "sub") w/6 (don't OR dont OR "do not" OR "can't" OR cant OR cannot OR afford OR without OR expired OR "no longer")) w/20 (article* OR story OR stories OR news* OR newspaper* OR paper OR piece OR read* OR "op ed" OR column* OR paste OR text)
subscriber-only	"subscriber only" OR "subscribers only" OR "subscriber exclusive" OR "subscribers exclusive" OR "premium article*" OR "locked article*" OR (locked w/3 (piece OR article* OR story OR content))
free-article-limit	"free article*" OR "article limit" OR "article counter" OR "article meter" OR "metered paywall"
read-without-paying	((read OR reading OR unlock*) w/8 ("without paying" OR "without subscrib*" OR "without a subscription" OR "without an account")) OR (((read OR reading OR access OR unlock*) w/8 ("for free" OR "free of charge")) w/12 (article* OR story OR stories OR news* OR newspaper* OR paper OR piece))
archive-service	"archive.ph" OR "archive.today" OR "archive.is" OR "archive.li" OR "archive.md" OR "12ft.io" OR "12ft ladder" OR removepaywall* OR "bypass paywalls" OR "web.archive.org" OR "smry.ai" OR "outline.com" OR "1ft.io" OR "archive.org/web"
archived-copy	("archived version" OR "archived copy" OR "cached version" OR "cached copy" OR "archive link") w/12 (article* OR story OR stories OR paywall* OR news*)
reader-mode	("reader mode" OR "reader view" OR "reading mode") w/10 (article* OR story OR text OR copy OR paywall* OR link)
cookie-reset	((clear* OR delet* OR reset* OR block*) w/6 cookies) w/12 (article* OR counter OR limit OR paywall* OR free)
full-text-request	(("full text" OR "complete text" OR "full article" OR "entire article" OR "whole article" OR "word for word" OR verbatim) w/10 (article* OR story OR stories OR piece OR paywall* OR subscri*)) OR (("whole story" OR "entire story" OR "full story" OR "rest of the story") w/10 (article* OR paywall* OR subscri* OR piece OR paste OR reproduce OR copy))
login-sharing	(login OR password OR account) w/6 (subscri* OR paywall* OR "locked" OR premium)
paywall-es	"muro de pago" OR "sin pagar" OR "sin suscripción" OR "sin suscribirme"
paywall-fr	"mur payant" OR "sans abonnement" OR "sans payer" OR "sans m'abonner"
paywall-de	bezahlschranke OR "ohne abo" OR "ohne abonnement" OR "ohne zu bezahlen" OR "ohne bezahlen"
)";
}

}  // namespace winnow::search
