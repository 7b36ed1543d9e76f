// `dunderscope export` (spec/cli.md): draws one view of a model to a file, with no display.
#pragma once

#include <QStringList>

namespace ds {

// args: the program name then the subcommand's own arguments. Needs a QApplication (the views
// are widgets); main() makes one on the offscreen platform.
int run_export(const QStringList& args);

} // namespace ds
