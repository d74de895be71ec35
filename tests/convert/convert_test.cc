// ConvertFiles: counts reconcile per file and every quarantined record can be
// recovered byte for byte from the quarantine file.
#include "winnow/convert.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "winnow/output_file.h"

namespace winnow {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ConvertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("winnow_convert_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& data) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << data;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(ConvertTest, CountsReconcileAndQuarantineKeepsRawBytes) {
  std::vector<std::string> bad_lines = {
      "{\"id\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"bad \xc3\x28 utf8\"}]}",
      "{\"id\":\"y\",\"messages\":[{\"role\":\"user\"",
      "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"duplicate id\"}]}",
      "[]",
  };
  std::string good = "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"r\"}]}";
  std::string data = good + "\n";
  for (const auto& b : bad_lines) data += b + "\n";
  data += "{\"id\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"q2\"}]}\n";
  std::string in = Write("in.jsonl", data);
  std::string missing = (dir_ / "missing.jsonl").string();

  ConvertOptions options;
  options.quarantine_path = (dir_ / "q.jsonl").string();
  std::string out_path = (dir_ / "out.jsonl").string();
  auto out = OutputFile::Create(out_path);
  ASSERT_TRUE(out.ok());
  auto report = ConvertFiles({in, missing}, options, out->get(), nullptr);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE((*out)->Close().ok());

  ASSERT_EQ(report->files.size(), 2u);
  const FileReport& f = report->files[0];
  EXPECT_TRUE(f.status.ok());
  EXPECT_EQ(f.records, 6u);
  EXPECT_EQ(f.converted, 2u);
  EXPECT_EQ(f.quarantined, 4u);
  EXPECT_EQ(f.records, f.converted + f.quarantined);
  EXPECT_EQ(f.entries, 2u);
  EXPECT_EQ(report->files[1].status.code(), StatusCode::kNotFound);
  EXPECT_FALSE(report->all_files_ok());

  // Every quarantined record decodes back to its exact bytes, in order, with its line.
  std::istringstream q(Slurp(options.quarantine_path));
  std::string line;
  simdjson::dom::parser parser;
  size_t i = 0;
  while (std::getline(q, line)) {
    ASSERT_LT(i, bad_lines.size());
    simdjson::dom::element doc = parser.parse(line);
    std::string_view b64 = doc["raw_base64"].get_string().value();
    std::string raw(b64.size(), '\0');
    size_t raw_len = 0;
    ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(),
                                nullptr, &raw_len, nullptr, sodium_base64_VARIANT_ORIGINAL),
              0);
    raw.resize(raw_len);
    EXPECT_EQ(raw, bad_lines[i]);
    EXPECT_EQ(doc["line"].get_uint64().value(), i + 2);
    EXPECT_EQ(doc["source"].get_string().value(), in);
    EXPECT_FALSE(std::string(doc["reason"].get_string().value()).empty());
    ++i;
  }
  EXPECT_EQ(i, bad_lines.size());
  // The output is valid JSON lines.
  std::istringstream o(Slurp(out_path));
  size_t n = 0;
  while (std::getline(o, line)) {
    auto doc = parser.parse(line);
    EXPECT_FALSE(doc.error()) << line;
    ++n;
  }
  EXPECT_EQ(n, 2u);
}

TEST_F(ConvertTest, NoQuarantineFileWhenNothingIsBad) {
  std::string in = Write("in.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}\n");
  ConvertOptions options;
  options.quarantine_path = (dir_ / "q.jsonl").string();
  auto out = OutputFile::Create((dir_ / "out.jsonl").string());
  auto report = ConvertFiles({in}, options, out->get(), nullptr);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->quarantine_path.empty());
  EXPECT_FALSE(std::filesystem::exists(options.quarantine_path));
}

}  // namespace
}  // namespace winnow
