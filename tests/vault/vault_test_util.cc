#include "vault/vault_test_util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include "vault/file_util.h"
#include <poll.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace winnow::vault::testing {
namespace {

// argv for WINNOW_BINARY, and environ with the overrides applied.
struct ChildArgs {
  std::vector<std::string> argv_s, env_s;
  std::vector<char*> argv, envp;

  ChildArgs(const std::vector<std::string>& args, const EnvOverrides& env) {
    argv_s.push_back(WINNOW_BINARY);
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    for (char** e = environ; *e; ++e) {
      std::string_view kv(*e);
      bool replaced = false;
      for (const std::string& o : env) {
        std::string_view name = std::string_view(o).substr(0, o.find('=') + 1);
        if (kv.substr(0, name.size()) == name) replaced = true;
      }
      if (!replaced) env_s.emplace_back(kv);
    }
    env_s.insert(env_s.end(), env.begin(), env.end());
    for (std::string& s : argv_s) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (std::string& s : env_s) envp.push_back(s.data());
    envp.push_back(nullptr);
  }
};

}  // namespace

std::string ProcessResult::Describe() const {
  std::string s =
      term_signal ? "killed by signal " + std::to_string(term_signal) : "exit code " + std::to_string(exit_code);
  return s + "; stderr:\n" + err;
}

ProcessResult WaitChild(pid_t pid) {
  ProcessResult r;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return r;
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.term_signal = WTERMSIG(status);
  return r;
}

ProcessResult RunWinnow(const std::vector<std::string>& args, const EnvOverrides& env) {
  ChildArgs child(args, env);
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe: " << std::strerror(errno);
    return {};
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, child.argv[0], &fa, nullptr, child.argv.data(), child.envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  ::close(err[1]);
  ProcessResult r;
  if (rc != 0) {
    ::close(out[0]);
    ::close(err[0]);
    ADD_FAILURE() << "posix_spawn " << WINNOW_BINARY << ": " << std::strerror(rc);
    return r;
  }
  // Drain both pipes together, so a child that fills one cannot block.
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buf[1 << 16];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof(buf));
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  ProcessResult waited = WaitChild(pid);
  r.exit_code = waited.exit_code;
  r.term_signal = waited.term_signal;
  return r;
}

pid_t SpawnWinnow(const std::vector<std::string>& args, const std::string& stdout_path, const std::string& stderr_path,
                  const EnvOverrides& env) {
  ChildArgs child(args, env);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  const int kAppend = O_WRONLY | O_CREAT | O_APPEND;
  posix_spawn_file_actions_addopen(&fa, 1, stdout_path.empty() ? "/dev/null" : stdout_path.c_str(), kAppend, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, stderr_path.empty() ? "/dev/null" : stderr_path.c_str(), kAppend, 0600);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, child.argv[0], &fa, nullptr, child.argv.data(), child.envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    ADD_FAILURE() << "posix_spawn " << WINNOW_BINARY << ": " << std::strerror(rc);
    return -1;
  }
  return pid;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

std::string Sha256Hex(std::string_view bytes) { return ::winnow::vault::Sha256Hex(bytes); }

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::vector<std::string> ListFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  return files;
}

std::string Keygen(const std::string& key_path, const EnvOverrides& env) {
  ProcessResult r = RunWinnow({"keygen", "-o", key_path}, env);
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  std::string recipient = r.out;
  while (!recipient.empty() && recipient.back() == '\n') recipient.pop_back();
  EXPECT_EQ(recipient.rfind("age1", 0), 0u) << "keygen printed: " << r.out;
  return r.exit_code == 0 ? recipient : "";
}

bool InitMatter(const std::string& matter, const std::string& recipient, int shards, const EnvOverrides& env) {
  ProcessResult r = RunWinnow({"init", matter, "--recipient", recipient, "--shards", std::to_string(shards)}, env);
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  return r.exit_code == 0;
}

InfoJson RunInfo(const std::string& matter) {
  InfoJson info;
  ProcessResult r = RunWinnow({"info", matter, "--json"});
  info.error = r.Describe() + "\nstdout:\n" + r.out;
  if (r.exit_code != 0) return info;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(r.out);
  if (parser.parse(padded).get(doc)) return info;
  try {
    info.commits = doc["commits"].get_uint64().value();
    info.segments = doc["segments"].get_uint64().value();
    info.entries = doc["entries"].get_uint64().value();
    info.blocks = doc["blocks"].get_uint64().value();
    info.quarantined = doc["quarantined"].get_uint64().value();
    for (simdjson::dom::element s : doc["sources"].get_array()) {
      InfoJson::Source src;
      src.records = s["records"].get_uint64().value();
      src.stored = s["stored"].get_uint64().value();
      src.quarantined = s["quarantined"].get_uint64().value();
      src.entries = s["entries"].get_uint64().value();
      src.complete = s["complete"].get_bool().value();
      info.sources.push_back(src);
    }
  } catch (const simdjson::simdjson_error& e) {
    info.error += std::string("\nunexpected JSON: ") + e.what();
    return info;
  }
  info.ok = true;
  return info;
}

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string Rng::Hex(size_t digits) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  while (s.size() < digits) s.push_back(kHex[Next() & 15]);
  return s;
}

namespace {

const char* const kWords[] = {
    "the",      "contract",   "shall",     "be",        "governed",    "by",       "laws",        "of",
    "delaware", "please",     "summarize", "following", "email",       "thread",   "regarding",   "quarterly",
    "revenue",  "forecast",   "and",       "note",      "any",         "risks",    "counsel",     "advised",
    "that",     "privileged", "material",  "must",      "not",         "leave",    "custody",     "python",
    "function", "returns",    "list",      "sorted",    "keys",        "while",    "ignoring",    "case",
    "meeting",  "tomorrow",   "at",        "noon",      "discuss",     "merger",   "terms",       "with",
    "board",    "draft",      "letter",    "customer",  "apologizing", "for",      "delay",       "shipment",
    "café",     "naïve",      "日本語",    "données",   "emoji🙂",   "quote\"d", "back\\slash", "tab\there",
};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// Appends `s` as a JSON string body (quotes and backslashes escaped, control
// characters as \u00XX).
void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

std::string Words(Rng* rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i) s.push_back(rng->Uniform(12) == 0 ? '\n' : ' ');
    s += kWords[rng->Uniform(kWordCount)];
  }
  return s;
}

}  // namespace

std::string GenerateOpenAiLog(const LogSpec& spec) {
  Rng rng(spec.seed);
  std::string out;
  for (int c = 0; c < spec.conversations; ++c) {
    out += "{\"id\":";
    AppendJsonString(&out, spec.id_prefix + "-" + std::to_string(c));
    out += ",\"user\":\"user-" + std::to_string(rng.Uniform(50)) +
           "\",\"model\":\"gpt-test\",\"created\":" + std::to_string(1700000000 + rng.Uniform(10000000)) +
           ",\"messages\":[";
    if (rng.Uniform(3) == 0) out += "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},";
    int turns = static_cast<int>(rng.Range(1, spec.max_turns));
    for (int t = 0; t < turns; ++t) {
      std::string prompt = Words(&rng, rng.Range(3, 40));
      std::string output = Words(&rng, rng.Range(spec.min_output_words, spec.max_output_words));
      if (spec.edit_text) {
        spec.edit_text(&prompt, &rng);
        spec.edit_text(&output, &rng);
      }
      if (t) out += ",";
      out += "{\"role\":\"user\",\"content\":";
      AppendJsonString(&out, prompt);
      out += "},{\"role\":\"assistant\",\"content\":";
      AppendJsonString(&out, output);
      out += "}";
    }
    out += "]}\n";
  }
  return out;
}

std::vector<std::string> MalformedRecords(const std::string& marker) {
  return {
      // Cut short: not valid JSON.
      "{\"id\":\"broken-1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + " cut",
      // Valid JSON, but the messages are not a list of turns.
      "{\"id\":\"broken-2\",\"messages\":\"" + marker + "\"}",
  };
}

}  // namespace winnow::vault::testing
