// The subcommands of spec/cli.md that need no display: check and eval.
#pragma once

#include <QStringList>

namespace ds {

// Exit codes of spec/cli.md.
// 3 (an extension, for `export`): the output file cannot be written.
enum ExitCode { ExitOk = 0, ExitLoadError = 1, ExitUsage = 2, ExitCannotWrite = 3 };

int run_check(const QStringList& args);
int run_eval(const QStringList& args);

} // namespace ds
