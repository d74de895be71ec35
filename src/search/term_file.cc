// Term files (search/query.h): `name<TAB>query` lines, or TOML `[[term]]`
// tables. Every error names the file and line, and for a bad query the term
// and the column, so a reviewer can fix the negotiated list in place.
#include <toml++/toml.h>

#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/byte_source.h"
#include "search/query.h"

namespace winnow::search {
namespace {

// Term files are typed by people; anything near this size is a mistake.
constexpr size_t kMaxTermFileBytes = size_t{64} << 20;

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string Where(std::string_view source, int line) { return std::string(source) + ":" + std::to_string(line); }

// Checks the name, parses the query and appends the term; `first_line`
// maps names already seen to their lines.
Status AddTerm(std::string name, std::string query_text, int line, std::string_view source,
               std::map<std::string, int>* first_line, std::vector<Term>* out) {
  if (name.empty()) return Status::InvalidArgument(Where(source, line) + ": empty term name");
  const std::string where = Where(source, line) + ": term '" + name + "'";
  const auto [it, fresh] = first_line->emplace(name, line);
  if (!fresh) {
    return Status::InvalidArgument(where + ": duplicate name (first on line " + std::to_string(it->second) + ")");
  }
  StatusOr<Query> query = ParseQuery(query_text);
  if (!query.ok()) return Status::InvalidArgument(where + ": " + query.status().message());
  Term& term = out->emplace_back();
  term.name = std::move(name);
  term.query_text = std::move(query_text);
  term.line = line;
  term.query = std::move(query).value();
  return Status::Ok();
}

StatusOr<std::vector<Term>> ParseTsv(std::string_view contents, std::string_view source) {
  std::vector<Term> terms;
  std::map<std::string, int> first_line;
  int line = 0;
  for (size_t pos = 0; pos < contents.size();) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view text = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const std::string_view trimmed = Trim(text);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const size_t tab = text.find('\t');
    if (tab == std::string_view::npos) {
      return Status::InvalidArgument(Where(source, line) + ": expected name<TAB>query");
    }
    WINNOW_RETURN_IF_ERROR(AddTerm(std::string(Trim(text.substr(0, tab))), std::string(text.substr(tab + 1)), line,
                                   source, &first_line, &terms));
  }
  return terms;
}

StatusOr<std::string> GetString(const toml::table& table, std::string_view key, int line, std::string_view source) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return Status::InvalidArgument(Where(source, line) + ": [[term]] needs " + std::string(key));
  }
  const toml::value<std::string>* value = node->as_string();
  if (value == nullptr) {
    return Status::InvalidArgument(Where(source, static_cast<int>(node->source().begin.line)) + ": " +
                                   std::string(key) + ": expected a string");
  }
  return value->get();
}

StatusOr<std::vector<Term>> ParseTable(const toml::table& root, std::string_view source) {
  std::vector<Term> terms;
  for (const auto& [key, node] : root) {
    if (key.str() != "term") {
      return Status::InvalidArgument(Where(source, static_cast<int>(node.source().begin.line)) + ": unknown key '" +
                                     std::string(key.str()) + "' (a term file holds [[term]] tables)");
    }
  }
  const toml::node* node = root.get("term");
  if (node == nullptr) return terms;
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    return Status::InvalidArgument(Where(source, static_cast<int>(node->source().begin.line)) +
                                   ": term: expected [[term]] tables");
  }
  std::map<std::string, int> first_line;
  for (const toml::node& element : *array) {
    const toml::table& table = *element.as_table();
    const int line = static_cast<int>(table.source().begin.line);
    for (const auto& [key, value] : table) {
      if (key.str() != "name" && key.str() != "query") {
        return Status::InvalidArgument(Where(source, static_cast<int>(value.source().begin.line)) + ": unknown key '" +
                                       std::string(key.str()) + "' (a [[term]] has name and query)");
      }
    }
    WINNOW_ASSIGN_OR_RETURN(std::string name, GetString(table, "name", line, source));
    WINNOW_ASSIGN_OR_RETURN(std::string query, GetString(table, "query", line, source));
    WINNOW_RETURN_IF_ERROR(AddTerm(std::move(name), std::move(query), line, source, &first_line, &terms));
  }
  return terms;
}

StatusOr<std::vector<Term>> ParseToml(std::string_view contents, std::string_view source) {
  // This toml++ build reports syntax errors by exception; none may escape.
  try {
    const toml::table root = toml::parse(contents, source);
    return ParseTable(root, source);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(Where(source, static_cast<int>(e.source().begin.line)) + ": " +
                                   std::string(e.description()));
  } catch (const std::exception& e) {
    return Status::Internal(std::string(source) + ": " + e.what());
  }
}

// TOML when the first line that is neither blank nor a comment opens a table.
bool LooksLikeToml(std::string_view contents) {
  for (size_t pos = 0; pos < contents.size();) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    const std::string_view line = Trim(contents.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    return line.front() == '[';
  }
  return false;
}

}  // namespace

StatusOr<std::vector<Term>> ParseTermFile(std::string_view contents, std::string_view source) {
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);  // a byte order mark
  if (LooksLikeToml(contents)) return ParseToml(contents, source);
  return ParseTsv(contents, source);
}

StatusOr<std::vector<Term>> LoadTermFile(const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> in, OpenFileSource(path));
  std::string contents;
  char buf[1 << 16];
  while (true) {
    WINNOW_ASSIGN_OR_RETURN(const size_t n, in->Read(buf, sizeof(buf)));
    if (n == 0) break;
    contents.append(buf, n);
    if (contents.size() > kMaxTermFileBytes) {
      return Status::InvalidArgument(path + ": larger than 64 MiB; not a term file");
    }
  }
  return ParseTermFile(contents, path);
}

}  // namespace winnow::search
