// Everyday chat filler in English: what users ask and how answers are laid
// out. Deliberately free of names, places, dates, numbers that look like
// identifiers, publisher names and paywall wording, so that nothing here is
// mistaken for a planted item.
#include "gen/lexicon.h"

namespace winnow::gen {
namespace {

using SV = std::string_view;

constexpr SV kProgSubjects[] = {"a binary search tree", "recursion", "async functions", "hash maps",
    "dependency injection", "memory leaks", "unit testing", "regular expressions", "REST endpoints",
    "database indexes", "race conditions", "garbage collection", "closures", "generics",
    "linked lists", "dynamic programming", "event loops", "type inference"};
constexpr SV kProgTasks[] = {"reverse a linked list", "parse a CSV file", "debounce a search box",
    "read a large file line by line", "sort a list of records by two keys", "retry a failed request",
    "flatten a nested list", "validate form input", "cache expensive function calls",
    "merge two sorted arrays", "count word frequencies", "write a simple web server",
    "handle errors without crashing", "remove duplicates from a list", "paginate query results"};
constexpr SV kProgTerms[] = {"Time complexity", "Edge cases", "Readability", "Error handling",
    "Memory use", "Testing", "Naming", "Performance", "Thread safety", "Input validation"};
constexpr SV kCookSubjects[] = {"sourdough bread", "a weeknight curry", "homemade pasta", "roast vegetables",
    "a vegan chocolate cake", "meal prep for the week", "fermented hot sauce", "a simple risotto",
    "crispy tofu", "overnight oats"};
constexpr SV kCookTasks[] = {"keep bread from going stale", "make a sauce thicker", "cook rice without a rice cooker",
    "replace eggs in baking", "plan cheap healthy meals", "sharpen a kitchen knife",
    "stop pasta from sticking", "make a dish less salty"};
constexpr SV kCookTerms[] = {"Ingredients", "Prep time", "Technique", "Storage", "Substitutions",
    "Seasoning", "Texture", "Equipment"};
constexpr SV kFitSubjects[] = {"strength training for beginners", "a running plan", "stretching after work",
    "improving sleep", "staying motivated", "building a home workout routine", "posture at a desk",
    "recovering after a long hike"};
constexpr SV kFitTasks[] = {"build a habit of exercising", "warm up before lifting", "stay hydrated",
    "fix lower back stiffness", "train for a first long race", "get better sleep"};
constexpr SV kFitTerms[] = {"Consistency", "Rest days", "Progression", "Form", "Nutrition", "Warm-up",
    "Recovery"};
constexpr SV kMoneySubjects[] = {"compound interest", "an emergency fund", "index funds", "budgeting",
    "paying off credit card debt", "saving for a first home", "the difference between stocks and bonds",
    "inflation"};
constexpr SV kMoneyTasks[] = {"make a monthly budget", "start investing with little money",
    "negotiate a higher salary", "cut monthly bills", "track spending", "plan for retirement"};
constexpr SV kMoneyTerms[] = {"Risk", "Fees", "Diversification", "Time horizon", "Liquidity",
    "Interest", "Automation"};
constexpr SV kWriteSubjects[] = {"a cover letter", "a wedding toast", "a short story about a lighthouse",
    "a product description", "a polite complaint email", "a poem about autumn", "a blog post intro",
    "a resignation letter", "a thank-you note"};
constexpr SV kWriteTasks[] = {"make my writing more concise", "write a strong opening line",
    "structure a persuasive essay", "give feedback without sounding harsh", "end a story well",
    "write a catchy slogan"};
constexpr SV kWriteTerms[] = {"Tone", "Structure", "Audience", "Clarity", "Opening", "Call to action",
    "Word choice"};
constexpr SV kSciSubjects[] = {"photosynthesis", "black holes", "how vaccines train the immune system",
    "plate tectonics", "quantum entanglement", "the water cycle", "how batteries store energy",
    "natural selection", "why the sky is blue", "entropy"};
constexpr SV kSciTasks[] = {"explain this to a ten year old", "remember the stages of mitosis",
    "balance a chemical equation", "understand the scientific method", "study for a biology exam"};
constexpr SV kSciTerms[] = {"Key idea", "Analogy", "Common misconception", "Example", "Why it matters",
    "Evidence"};
constexpr SV kLifeSubjects[] = {"keeping houseplants alive", "decluttering a small apartment",
    "learning a new language", "dealing with procrastination", "planning a birthday party",
    "training a puppy", "a morning routine", "preparing for a job interview"};
constexpr SV kLifeTasks[] = {"stop procrastinating", "organize my closet", "remember names better",
    "prepare for a difficult conversation", "keep a plant alive in low light", "make small talk"};
constexpr SV kLifeTerms[] = {"First step", "Routine", "Mindset", "Tools", "Common mistakes", "Tip"};

constexpr ChatTopic kTopics[] = {
    {kProgSubjects, kProgTasks, kProgTerms, true},  {kCookSubjects, kCookTasks, kCookTerms, false},
    {kFitSubjects, kFitTasks, kFitTerms, false},    {kMoneySubjects, kMoneyTasks, kMoneyTerms, false},
    {kWriteSubjects, kWriteTasks, kWriteTerms, false}, {kSciSubjects, kSciTasks, kSciTerms, false},
    {kLifeSubjects, kLifeTasks, kLifeTerms, false}, {kProgSubjects, kProgTasks, kProgTerms, true},
};

constexpr SV kPromptTemplatesData[] = {
    "Can you explain {S}?", "How do I {T}?", "What's the best way to {T}?", "explain {S} simply",
    "I'm trying to {T}. Any tips?", "Give me a step by step guide to {T}.",
    "What are common mistakes with {S}?", "Can you help me understand {S}? I keep getting confused.",
    "Write a short overview of {S} for a beginner.", "how to {T}", "Is it worth learning about {S}?",
    "Compare two approaches to {S} and tell me which is better.",
    "I have ten minutes. Teach me the basics of {S}.", "What should I know before I {T}?",
    "Summarize the main ideas behind {S} in a few bullet points.",
    "My friend says {S} is overrated. What do you think?", "Quick question: how do I {T}?",
    "Can you make a checklist for how to {T}?", "why is {S} so hard to get right",
    "Help me {T}, please. I've tried a few things and nothing works.",
};
constexpr SV kCodePromptTemplatesData[] = {
    "How do I {T} in {L}?", "Write a {L} function to {T}.", "Why does this {L} code not work?",
    "Can you review my {L} code? I want to {T}.", "What's the idiomatic way to {T} in {L}?",
    "Explain {S} with a {L} example.", "Fix this:",
};
constexpr SV kOutputIntrosData[] = {
    "Sure! Here's a clear way to think about {S}.", "Great question. Let's break it down.",
    "Absolutely. Here's a practical approach.", "Here's a step-by-step guide.",
    "Good news: this is easier than it looks.", "Of course! Below is an overview.",
    "There are a few ways to do this, but here's the one I'd recommend.",
    "Happy to help. Let's start with the basics.",
};
constexpr SV kOutputSentencesData[] = {
    "The key idea is that {S} works best when you keep things simple at first.",
    "Start small, then build up once the basics feel comfortable.",
    "A common mistake is trying to do everything at once.",
    "It helps to write down what you expect to happen before you begin.",
    "If something goes wrong, go back one step and check your assumptions.",
    "Most people find that a little practice every day beats one long session a week.",
    "Think of it like learning to ride a bike: awkward at first, then automatic.",
    "You don't need special tools for this, although a few can make it easier.",
    "The trade-off is usually between speed and reliability.",
    "When in doubt, choose the option that is easiest to undo.",
    "This approach also makes it easier to {T} later on.",
    "Keep an eye on {E}, because that is where problems usually start.",
    "Once that works, you can refine the details.",
    "It's normal for this to take a few tries.",
    "The simplest version is often good enough.",
    "You can always come back and improve it once you understand {S} better.",
    "Try explaining it to someone else; gaps in your understanding show up quickly.",
    "Be patient with yourself, since progress is rarely a straight line.",
    "In practice, the details depend on your situation.",
    "That said, the general principle holds in almost every case.",
};
constexpr SV kOutputClosersData[] = {
    "Let me know if you'd like more detail on any of these steps!",
    "Want me to go deeper on any part of this?", "Hope this helps! 😊", "Good luck, you've got this!",
    "If you share more about your situation, I can tailor this further.",
    "Would you like an example or a checklist version?", "Feel free to ask follow-up questions.",
};
constexpr SV kHeadingsData[] = {"Overview", "Step by step", "Why it works", "Common pitfalls", "Tips",
    "Example", "Summary", "Next steps", "Key points", "Quick reference"};
constexpr SV kProgrammingLanguagesData[] = {"Python", "JavaScript", "TypeScript", "Go", "Rust", "Java",
    "C++", "SQL", "Bash", "Kotlin"};
// Literal code. No dotted names that look like domains, no long digit runs.
constexpr SV kCodeSnippetsData[] = {
    "```python\ndef dedupe(items):\n    seen = set()\n    result = []\n    for item in items:\n        if item not in seen:\n            seen.add(item)\n            result.append(item)\n    return result\n```",
    "```python\ndef reverse(head):\n    prev = None\n    while head:\n        head.next, prev, head = prev, head, head.next\n    return prev\n```",
    "```javascript\nfunction debounce(fn, wait) {\n  let timer;\n  return (...args) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), wait);\n  };\n}\n```",
    "```go\nfunc merge(a, b []int) []int {\n\tout := make([]int, 0, len(a)+len(b))\n\ti, j := 0, 0\n\tfor i < len(a) && j < len(b) {\n\t\tif a[i] <= b[j] {\n\t\t\tout = append(out, a[i])\n\t\t\ti++\n\t\t} else {\n\t\t\tout = append(out, b[j])\n\t\t\tj++\n\t\t}\n\t}\n\tout = append(out, a[i:]...)\n\treturn append(out, b[j:]...)\n}\n```",
    "```sql\nSELECT customer_id, COUNT(*) AS orders\nFROM orders\nWHERE status = 'shipped'\nGROUP BY customer_id\nHAVING COUNT(*) > 5\nORDER BY orders DESC;\n```",
    "```bash\nfor f in *.log; do\n  gzip -9 \"$f\"\ndone\n```",
    "```rust\nfn word_counts(text: &str) -> HashMap<&str, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n```",
    "```python\nimport csv\n\nwith open(\"data.csv\", newline=\"\") as f:\n    for row in csv.DictReader(f):\n        print(row[\"name\"], row[\"total\"])\n```",
    "```typescript\ntype Result<T> = { ok: true; value: T } | { ok: false; error: string };\n\nfunction parseAge(input: string): Result<number> {\n  const n = Number(input);\n  return Number.isInteger(n) && n >= 0 ? { ok: true, value: n } : { ok: false, error: \"not an age\" };\n}\n```",
    "```java\npublic static int fib(int n) {\n    int a = 0, b = 1;\n    for (int i = 0; i < n; i++) {\n        int t = a + b;\n        a = b;\n        b = t;\n    }\n    return a;\n}\n```",
    "```cpp\nstd::vector<int> v = {5, 3, 8, 1};\nstd::sort(v.begin(), v.end());\nfor (int x : v) std::cout << x << '\\n';\n```",
    "```python\nfrom functools import lru_cache\n\n@lru_cache(maxsize=None)\ndef ways(n):\n    if n < 2:\n        return 1\n    return ways(n - 1) + ways(n - 2)\n```",
};
constexpr SV kEmojiData[] = {"🙂", "😊", "🚀", "✅", "👍", "🔥", "💡", "📌", "🙏", "😅", "🎉", "🤔"};

// ---- other languages ----
constexpr SV kFrPrompts[] = {"Peux-tu m'expliquer comment fonctionne la photosynthèse ?",
    "Comment améliorer mon sommeil ?", "Écris un poème court sur l'automne.",
    "Quelle est la différence entre une action et une obligation ?", "Aide-moi à rédiger un e-mail poli.",
    "Donne-moi une recette facile pour ce soir."};
constexpr SV kFrSentences[] = {"Bien sûr, voici une explication simple.", "Commence par de petites étapes.",
    "L'idée principale est de rester régulier.", "C'est une question très fréquente, et c'est normal d'hésiter.",
    "Voici quelques conseils pratiques :", "N'hésite pas à me demander plus de détails.",
    "En résumé, la patience est essentielle.", "Ça dépend surtout de ta situation."};
constexpr SV kEsPrompts[] = {"¿Puedes explicarme qué es el interés compuesto?", "¿Cómo puedo aprender inglés más rápido?",
    "Escribe un mensaje de agradecimiento para mi equipo.", "¿Qué debo comer antes de correr?",
    "Dame ideas para organizar mi semana.", "¿Por qué el cielo es azul?"};
constexpr SV kEsSentences[] = {"¡Claro! Aquí tienes una explicación sencilla.", "Lo más importante es la constancia.",
    "Empieza poco a poco y ve aumentando.", "Un error común es querer hacerlo todo a la vez.",
    "Aquí van algunos consejos prácticos:", "¿Quieres que te dé un ejemplo?", "En resumen, ten paciencia."};
constexpr SV kDePrompts[] = {"Kannst du mir erklären, wie Zinseszins funktioniert?", "Wie schreibe ich eine gute Bewerbung?",
    "Was ist der Unterschied zwischen Wetter und Klima?", "Hilf mir, meine Woche zu planen.",
    "Schreib ein kurzes Gedicht über den Herbst.", "Wie bleibe ich beim Lernen motiviert?"};
constexpr SV kDeSentences[] = {"Gern! Hier ist eine einfache Erklärung.", "Wichtig ist vor allem Regelmäßigkeit.",
    "Fang mit kleinen Schritten an.", "Ein häufiger Fehler ist, zu viel auf einmal zu wollen.",
    "Hier sind ein paar praktische Tipps:", "Möchtest du ein Beispiel dazu?", "Kurz gesagt: Geduld zahlt sich aus."};
constexpr SV kPtPrompts[] = {"Você pode me explicar o que é inflação?", "Como faço para dormir melhor?",
    "Escreva uma mensagem de aniversário para minha mãe.", "Quais são os benefícios de caminhar todos os dias?",
    "Me ajuda a organizar meus estudos?"};
constexpr SV kPtSentences[] = {"Claro! Aqui vai uma explicação simples.", "O mais importante é a constância.",
    "Comece aos poucos e vá aumentando.", "Um erro comum é querer fazer tudo de uma vez.",
    "Aqui estão algumas dicas práticas:", "Quer que eu dê um exemplo?", "Resumindo: tenha paciência."};
constexpr SV kRuPrompts[] = {"Объясни, пожалуйста, что такое сложные проценты.", "Как научиться лучше спать?",
    "Напиши короткое стихотворение про осень.", "Чем отличается погода от климата?",
    "Помоги составить план на неделю.", "Как не терять мотивацию при учёбе?"};
constexpr SV kRuSentences[] = {"Конечно! Вот простое объяснение.", "Главное здесь — регулярность.",
    "Начните с небольших шагов.", "Частая ошибка — пытаться сделать всё сразу.",
    "Вот несколько практических советов:", "Хотите пример?", "Короче говоря, нужно терпение."};
constexpr SV kZhPrompts[] = {"你能解释一下什么是复利吗？", "怎样才能睡得更好？", "帮我写一首关于秋天的短诗。",
    "天气和气候有什么区别？", "请帮我制定一周的学习计划。", "如何保持学习的动力？"};
constexpr SV kZhSentences[] = {"当然可以！下面是一个简单的解释。", "最重要的是坚持。", "先从小步骤开始。",
    "一个常见的错误是想一次做完所有事情。", "这里有一些实用的建议：", "需要我举个例子吗？",
    "总之，要有耐心。"};
constexpr SV kJaPrompts[] = {"複利とは何か説明してもらえますか？", "よく眠るにはどうすればいいですか？",
    "秋についての短い詩を書いてください。", "天気と気候の違いは何ですか？", "一週間の勉強計画を手伝ってください。"};
constexpr SV kJaSentences[] = {"もちろんです！簡単に説明します。", "一番大切なのは続けることです。",
    "まずは小さなステップから始めましょう。", "よくある間違いは、一度に全部やろうとすることです。",
    "いくつか実用的なヒントを紹介します：", "例を挙げましょうか？", "まとめると、焦らないことが大切です。"};
constexpr SV kKoPrompts[] = {"복리가 무엇인지 설명해 줄 수 있나요?", "잠을 더 잘 자려면 어떻게 해야 하나요?",
    "가을에 관한 짧은 시를 써 주세요.", "공부 계획 세우는 것을 도와주세요."};
constexpr SV kKoSentences[] = {"물론이죠! 간단하게 설명해 드릴게요.", "가장 중요한 것은 꾸준함입니다.",
    "작은 단계부터 시작하세요.", "흔한 실수는 한 번에 모든 것을 하려는 것입니다.", "몇 가지 실용적인 팁입니다:",
    "예시를 들어 드릴까요?"};

constexpr Language kLanguagesData[] = {
    {"fr", "French", "France", kFrPrompts, kFrSentences, true},
    {"es", "Spanish", "Spain", kEsPrompts, kEsSentences, true},
    {"de", "German", "Germany", kDePrompts, kDeSentences, true},
    {"pt", "Portuguese", "Brazil", kPtPrompts, kPtSentences, true},
    {"ru", "Russian", "Russia", kRuPrompts, kRuSentences, true},
    {"zh", "Chinese", "China", kZhPrompts, kZhSentences, false},
    {"ja", "Japanese", "Japan", kJaPrompts, kJaSentences, false},
    {"ko", "Korean", "South Korea", kKoPrompts, kKoSentences, true},
};

}  // namespace

const std::span<const ChatTopic> kChatTopics(kTopics);
const Words kPromptTemplates(kPromptTemplatesData);
const Words kCodePromptTemplates(kCodePromptTemplatesData);
const Words kOutputIntros(kOutputIntrosData);
const Words kOutputSentences(kOutputSentencesData);
const Words kOutputClosers(kOutputClosersData);
const Words kHeadings(kHeadingsData);
const Words kProgrammingLanguages(kProgrammingLanguagesData);
const Words kCodeSnippets(kCodeSnippetsData);
const Words kEmoji(kEmojiData);
const std::span<const Language> kHumanLanguages(kLanguagesData);

}  // namespace winnow::gen
