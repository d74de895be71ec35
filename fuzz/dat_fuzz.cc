// libFuzzer target for the Concordance DAT parser: any bytes give a table or
// an error, never a crash; an accepted file has rows as wide as its header,
// and writing its table again with DatWriter gives the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "produce/dat_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto table = winnow::produce::ParseDat(bytes, "fuzz.dat");
  if (!table.ok()) return 0;
  if (table->fields.empty()) __builtin_trap();
  for (const auto& row : table->rows) {
    if (row.size() != table->fields.size()) __builtin_trap();
  }
  winnow::produce::DatWriter writer(table->fields);
  std::string again;
  writer.AppendHeader(&again);
  for (const auto& row : table->rows) writer.AppendRow(row, &again);
  if (again != bytes) __builtin_trap();
  return 0;
}
