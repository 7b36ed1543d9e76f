// dunderscope: the window, or a subcommand of spec/cli.md (which need no display).
#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <iostream>

using namespace ds;

static const char* kUsage =
    "usage: dunderscope [MODEL.json]\n"
    "       dunderscope check MODEL.json\n"
    "       dunderscope eval MODEL.json [--json] [--trace] [--script] [STATEMENT ...]\n"
    "       dunderscope --version | --help\n";

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    const QString sub = args.size() > 1 ? args[1] : QString();
    if (sub == "--version" || sub == "-v") {
        std::cout << "dunderscope " << DUNDERSCOPE_VERSION << '\n';
        return ExitOk;
    }
    if (sub == "--help" || sub == "-h") {
        std::cout << kUsage;
        return ExitOk;
    }
    if (sub == "check" || sub == "eval") {
        QCoreApplication app(argc, argv); // no display needed
        QStringList rest = args;
        rest.removeAt(1);
        return sub == "check" ? run_check(rest) : run_eval(rest);
    }
    if (sub.startsWith('-') || (args.size() > 2)) {
        std::cerr << "dunderscope: unknown command or option '" << (args.size() > 2 ? args[2] : sub).toStdString()
                  << "'\n" << kUsage;
        return ExitUsage;
    }
    if (!sub.isEmpty() && !QFileInfo(sub).exists() && !sub.endsWith(".json")) {
        std::cerr << "dunderscope: unknown command '" << sub.toStdString() << "'\n" << kUsage;
        return ExitUsage;
    }
    QApplication app(argc, argv);
    app.setApplicationName("Dunderscope");
    app.setApplicationVersion(DUNDERSCOPE_VERSION);
    MainWindow window;
    window.open_model(sub.isEmpty() ? QString(DS_DEMO_DIR "/descriptor-protocol.json") : sub);
    window.show();
    return app.exec();
}
