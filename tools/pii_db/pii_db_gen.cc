// pii_db_gen OUT.cc: compiles the default de-identification patterns into a
// Hyperscan database and writes it as C++ source (the definition of
// pii::PrebuiltDatabases), which the build links into the winnow command.
// Each run then loads the database instead of compiling it (pii/engine.h).
//
// Runs at build time only. The database is compiled for the CPU of the
// build machine; on another CPU Hyperscan refuses it and winnow compiles the
// patterns as before, so a stale or foreign database can only cost time.
#include <cstdio>
#include <string>

#include "pii/engine.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "pii_db_gen: %s\n", what.c_str());
  return 1;
}

// The bytes as adjacent string literals of octal escapes (always three
// digits, so no escape can swallow the next character).
std::string Literal(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size() * 4 + bytes.size() / 20 * 4);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 32 == 0) out += i == 0 ? "    \"" : "\"\n    \"";
    const auto b = static_cast<unsigned char>(bytes[i]);
    out += '\\';
    out += static_cast<char>('0' + (b >> 6));
    out += static_cast<char>('0' + ((b >> 3) & 7));
    out += static_cast<char>('0' + (b & 7));
  }
  out += '"';
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return Fail("usage: pii_db_gen OUT.cc");
  winnow::pii::EngineOptions options;
  options.use_prebuilt = false;
  auto engine = winnow::pii::Engine::Create(options);
  if (!engine.ok()) return Fail(engine.status().ToString());
  auto bytes = (*engine)->SerializeDatabase();
  if (!bytes.ok()) return Fail(bytes.status().ToString());
  std::string src =
      "// Generated at build time by tools/pii_db/pii_db_gen.cc: the default\n"
      "// de-identification patterns compiled by Hyperscan. Do not edit.\n"
      "#include \"pii/engine.h\"\n\n"
      "namespace winnow::pii {\nnamespace {\n\n";
  if (bytes->empty()) {
    src += "}  // namespace\n\nstd::span<const PrebuiltDatabase> PrebuiltDatabases() { return {}; }\n";
  } else {
    src += "alignas(64) const char kBytes[" + std::to_string(bytes->size() + 1) + "] =\n" + Literal(*bytes) +
           ";\n\nconst PrebuiltDatabase kDatabases[] = {\n    {\"" + (*engine)->database_key() +
           "\", {kBytes, " + std::to_string(bytes->size()) + "}},\n};\n\n}  // namespace\n\n"
           "std::span<const PrebuiltDatabase> PrebuiltDatabases() { return kDatabases; }\n";
  }
  src += "\n}  // namespace winnow::pii\n";
  const std::string path = argv[1], tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Fail("cannot create " + tmp);
  const bool written = std::fwrite(src.data(), 1, src.size(), f) == src.size();
  if (std::fclose(f) != 0 || !written) return Fail("cannot write " + tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Fail("cannot rename " + tmp + " to " + path);
  return 0;
}
