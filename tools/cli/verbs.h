// The CLI's verbs. Each Register* adds one subcommand to the app; when that
// subcommand is chosen on the command line, its callback stores in *run the
// function that does the work and returns the process exit status.
#pragma once

#include <functional>

namespace CLI { class App; }

namespace winnow::cli {

using VerbMain = std::function<int()>;

// Exit statuses, documented in README.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // an input could not be opened, an output not written
inline constexpr int kExitUsage = 2;     // bad flags or arguments
inline constexpr int kExitStrict = 3;    // --strict and some records were quarantined

void RegisterConvert(CLI::App& app, VerbMain* run);
void RegisterGen(CLI::App& app, VerbMain* run);
void RegisterKeygen(CLI::App& app, VerbMain* run);
void RegisterInit(CLI::App& app, VerbMain* run);
void RegisterIngest(CLI::App& app, VerbMain* run);
void RegisterInfo(CLI::App& app, VerbMain* run);
void RegisterExport(CLI::App& app, VerbMain* run);
void RegisterCorpus(CLI::App& app, VerbMain* run);
void RegisterMatch(CLI::App& app, VerbMain* run);
void RegisterSearch(CLI::App& app, VerbMain* run);
void RegisterScan(CLI::App& app, VerbMain* run);
void RegisterReport(CLI::App& app, VerbMain* run);
void RegisterPii(CLI::App& app, VerbMain* run);
void RegisterProduce(CLI::App& app, VerbMain* run);
void RegisterVerify(CLI::App& app, VerbMain* run);
void RegisterAudit(CLI::App& app, VerbMain* run);

}  // namespace winnow::cli
