#!/usr/bin/env bash
# winnow's main job, end to end, on generated data (make demo):
# generate chat logs with planted ground truth, convert them to canonical
# entries, create keys and a matter, ingest into the encrypted vault, show
# what it holds, read one entry back with the custodian's key, find copies
# and relevant entries, de-identify every entry, and make, verify and
# search a signed, encrypted production.
set -euo pipefail
winnow=$(realpath "${1:-build/winnow}")
cd "$(dirname "$0")/.."
demo=demo
rm -rf "$demo"
mkdir -p "$demo/keys"
chmod 700 "$demo/keys"

step() { printf '\n== %s\n' "$*"; }

step "1. generate 5,000 synthetic conversations (ChatGPT export format, 1% malformed records) and 2,000 news works"
"$winnow" gen --seed 7 --conversations 5000 --format chatgpt --corrupt 0.01 --out "$demo/data"
ls -l "$demo/data"

step "2. convert: every record becomes canonical entries or goes to the quarantine, and the counts reconcile"
"$winnow" convert "$demo/data/conversations.json" --quarantine "$demo/quarantine.jsonl" -o "$demo/entries.jsonl"
printf 'one canonical entry (truncated): '
{ head -c 400 "$demo/entries.jsonl"; } || true; echo ' ...'

step "3. keys: the custodian's identity (kept outside the matter) and an escrow key"
custodian=$("$winnow" keygen -o "$demo/keys/custodian.key" 2>/dev/null)
escrow=$("$winnow" keygen -o "$demo/keys/escrow.key" 2>/dev/null)
echo "custodian: $custodian"
echo "escrow:    $escrow"

step "4. a matter whose vault is encrypted to both, and an ingest that needs only the public keys"
"$winnow" init "$demo/matter" --recipient "$custodian" --recipient "$escrow"
"$winnow" ingest "$demo/matter" "$demo/data/conversations.json"
echo "ingesting the same file again is a no-op:"
"$winnow" ingest "$demo/matter" "$demo/data/conversations.json"

step "5. what the vault holds (from its manifest, no key needed)"
"$winnow" info "$demo/matter"

step "6. read back with the custodian's key: verify every file, then fetch one entry by id"
"$winnow" export "$demo/matter" --identity "$demo/keys/custodian.key" --verify
id=$(head -c 40 "$demo/entries.jsonl" | sed 's/.*"entry_id":"\([0-9a-f]*\)".*/\1/')
{ "$winnow" export "$demo/matter" --identity "$demo/keys/custodian.key" --entry "$id" | head -c 300; } || true; echo ' ...'

step "7. no lock-in: a vault segment is a standard age file of zstd frames"
seg=$(find "$demo/matter/vault" -name 'seg-*.age' ! -name '*.idx.age' | sort | head -1)
echo "age -d -i $demo/keys/custodian.key $seg | zstd -d | head -c 200"
{ age -d -i "$demo/keys/custodian.key" "$seg" | zstd -d -q | head -c 200; } || true; echo ' ...'

step "8. the plaintiff's corpus: index the 2,000 generated news works (winnowed word 8-grams, 25-word guarantee)"
"$winnow" corpus build "$demo/corpus" "$demo/data/works.jsonl"

step "9. regurgitation: decrypt the vault on the fly and find entries that reproduce works (no chat text touches the disk)"
"$winnow" export "$demo/matter" --identity "$demo/keys/custodian.key" \
  | "$winnow" match --index "$demo/corpus" -o "$demo/matches.jsonl" --stats
copies=$(grep -c '"kind":"copy"' "$demo/matches.jsonl" || true)
titles=$(grep -c '"kind":"title"' "$demo/matches.jsonl" || true)
planted=$(grep '"kind":"copy"' "$demo/data/truth.jsonl" | grep -cE '"words":([4-9][0-9]|[0-9]{3,}),' || true)
echo "entries with a copied passage: $copies; prompts quoting a headline: $titles"
echo "(the generator planted $planted passages of 40 words or more, verbatim or edited, some several to an entry)"
echo "one of them:"
grep -m1 '"kind":"copy"' "$demo/matches.jsonl" | head -c 400; echo

step "10. relevance: scan the whole vault with the default policy (corpus copies, publisher references and headlines, paywall-workaround requests) and the negotiated search terms"
cat > "$demo/terms.tsv" <<'TERMS'
# name<TAB>query (dtSearch syntax, docs/search.md)
full-article	("full article" OR "full text" OR "word for word") w/10 (article OR story)
ledger	"daily ledger" OR dailyledger.com
subscription	subscri* w/5 (afford OR "don't have")
summarize-link	summar~ w/4 (link OR article OR story)
TERMS
cat > "$demo/policy.toml" <<'POLICY'
name = "demo policy: the default rules plus the negotiated terms"
terms_file = "terms.tsv"

[publishers]
from_corpus = true

[[rule]]
name = "corpus-copy"
category = "regurgitation"
priority = 1
signals = ["overlap"]

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
name = "negotiated-terms"
category = "search-terms"
priority = 2
signals = ["terms"]
POLICY
"$winnow" scan "$demo/matter" --identity "$demo/keys/custodian.key" --policy "$demo/policy.toml" --index "$demo/corpus"

step "11. the hit report for the court: CSV, JSON and a self-contained HTML page (no chat text in any of them)"
"$winnow" report "$demo/matter" --format csv | head -8
scan_dir=$(ls -d "$demo"/matter/scans/S* | tail -1)
echo "HTML report: $(realpath "$scan_dir/report.html")"
echo "one verdict, decrypted on the fly (age -d | head):"
{ age -d -i "$demo/keys/custodian.key" "$scan_dir"/results/shard-0000.age | head -1 | head -c 500; } || true; echo

step "12. de-identification: a pseudonym key (kept outside the matter), then every entry redacted on the fly with consistent pseudonyms; personal data inside corpus copies stays, as evidence"
"$winnow" keygen --pseudonym -o "$demo/keys/pseudonym.key"
"$winnow" export "$demo/matter" --identity "$demo/keys/custodian.key" \
  | "$winnow" pii redact --key "$demo/keys/pseudonym.key" --index "$demo/corpus" \
      -o "$demo/redacted.jsonl" --log "$demo/redactions.jsonl" --stats
planted_pii=$(grep '"kind":"pii"' "$demo/data/truth.jsonl" | grep -c '"personal":true' || true)
echo "(the generator planted $planted_pii personal values)"
echo "a redacted prompt:"
grep -m1 -o '"prompt":"[^"]*\[PERSON_[^"]*"' "$demo/redacted.jsonl" | head -c 400; echo
grep -m1 -o '"prompt":"[^"]*\[EMAIL_ADDRESS_[^"]*"' "$demo/redacted.jsonl" | head -c 400; echo
echo "its redaction log line holds positions and replacements, never the values:"
grep -m1 '"type":"EMAIL_ADDRESS"' "$demo/redactions.jsonl" | head -c 400; echo

step "13. a production for the newspaper's counsel: the relevant entries at the entry level, de-identified, Bates-numbered, with a load file, logs, a cover report, signed by the producer and encrypted to the recipient"
"$winnow" keygen -o "$demo/keys/recipient.key" > "$demo/recipient.txt" 2>/dev/null
"$winnow" keygen --signing -o "$demo/keys/producer-signing.key" > /dev/null
"$winnow" produce "$demo/matter" --identity "$demo/keys/custodian.key" --to "$(cat "$demo/recipient.txt")" \
  --prefix OAI-NYT- --signing-key "$demo/keys/producer-signing.key" --key "$demo/keys/pseudonym.key" \
  --index "$demo/corpus" --level entry > "$demo/produce.txt"
head -10 "$demo/produce.txt"; echo "  ..."; tail -2 "$demo/produce.txt"
prod=$(ls -d "$demo"/matter/productions/PROD* | tail -1)
ls -l "$prod"

step "14. the recipient verifies the production (signature, hashes, Bates continuity, every decrypted document) and reads one document"
"$winnow" verify "$prod" --signer "$demo/keys/producer-signing.key.pub" --identity "$demo/keys/recipient.key"
echo "one decrypted, de-identified document (age -d | head -1):"
{ age -d -i "$demo/keys/recipient.key" "$prod/documents.jsonl.age" | grep -m1 '"redactions":\[{' | head -c 900; } || true; echo
echo "the recipient searches the production without writing plaintext to disk:"
printf 'paywall\tpaywall OR archive.ph\nledger\t"daily ledger"\n' > "$demo/recipient-terms.tsv"
"$winnow" search --terms "$demo/recipient-terms.tsv" "$prod" --identity "$demo/keys/recipient.key" --report | head -8
echo "the matter's audit log (hash chained):"
"$winnow" audit verify "$demo/matter"
