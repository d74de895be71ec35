// winnow: legal discovery of AI chat logs. This file only builds the command
// line from the verbs and runs the one chosen; all work is in libwinnow.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "audit_cli.h"
#include "verbs.h"
#include "winnow/version.h"

int main(int argc, char** argv) {
  CLI::App app{"winnow: find, de-identify and produce what a legal matter needs from AI chat logs"};
  app.set_version_flag("--version", std::string("winnow ") + winnow::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);

  winnow::cli::VerbMain run;
  winnow::cli::RegisterConvert(app, &run);
  winnow::cli::RegisterGen(app, &run);
  winnow::cli::RegisterKeygen(app, &run);
  winnow::cli::RegisterInit(app, &run);
  winnow::cli::RegisterIngest(app, &run);
  winnow::cli::RegisterInfo(app, &run);
  winnow::cli::RegisterExport(app, &run);
  winnow::cli::RegisterCorpus(app, &run);
  winnow::cli::RegisterMatch(app, &run);
  winnow::cli::RegisterSearch(app, &run);
  winnow::cli::RegisterScan(app, &run);
  winnow::cli::RegisterReport(app, &run);
  winnow::cli::RegisterPii(app, &run);
  winnow::cli::RegisterProduce(app, &run);
  winnow::cli::RegisterVerify(app, &run);
  winnow::cli::RegisterAudit(app, &run);

  winnow::cli::SetCommandLine(argc, argv);  // for the audit log
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : winnow::cli::kExitUsage;
  }
  if (!run) return winnow::cli::kExitUsage;
  return run();
}
