// dunderscope: the window, or a subcommand of spec/cli.md (which need no display).
#include "cli.h"
#include "exportcommand.h"
#include "ioreplay.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <iostream>

using namespace ds;

static const char* kUsage =
    "usage: dunderscope [MODEL.json] [--screenshot FILE [--select NAME] [--attr NAME] [--op "
    "get|set|delete]\n"
    "                    [--run STATEMENT]... [--step N [--at MS]] [--speed X] [--size WxH]\n"
    "                    [--presentation]]\n"
    "       dunderscope check MODEL.json\n"
    "       dunderscope eval MODEL.json [--json] [--trace] [--script] [STATEMENT ...]\n"
    "       dunderscope export MODEL.json --view mro|chain|dict|store|lesson [--target NAME] "
    "[--attr NAME]\n"
    "                   [--op get|set|delete] [--run STATEMENT]... --format "
    "svg|png|pdf|dot|mermaid\n"
    "                   [--scale N] -o FILE\n"
    "       dunderscope --version | --help\n";

// The window: open a model, optionally apply statements and a selection, and with
// --screenshot render the window to a PNG and exit (offscreen works: no display needed).
static int run_window(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser; // parsed before QApplication exists: a usage error needs no display
    parser.addPositionalArgument("model", "The model to open (the bundled demo when none).",
                                 "[MODEL.json]");
    parser.addOption({"screenshot", "Render the window to FILE (PNG) and exit.", "FILE"});
    parser.addOption({"select", "Select the object NAME.", "NAME"});
    parser.addOption({"attr", "Select the attribute NAME.", "NAME"});
    parser.addOption({"op", "The operation of the chain view: get, set or delete.", "OP", "get"});
    parser.addOption({"run", "Run STATEMENT first (repeatable).", "STATEMENT"});
    parser.addOption({"size", "Window size for --screenshot, WxH.", "WxH", "1600x960"});
    parser.addOption({"step", "Play the lesson to step N (the last one animated).", "N"});
    parser.addOption({"at", "With --step: stop the replay MS milliseconds into step N.", "MS"});
    parser.addOption({"speed", "Replay speed: 0.25, 0.5, 1, 2, 4, or 0 for instant.", "X"});
    parser.addOption({"presentation", "Start in presentation mode (F11)."});
    if (!parser.parse(args)) {
        const QStringList unknown = parser.unknownOptionNames();
        std::cerr << "dunderscope: "
                  << (unknown.isEmpty()
                          ? parser.errorText().toStdString()
                          : "unknown command or option '" +
                                QString(unknown.first().size() == 1 ? "-" : "--").toStdString() +
                                unknown.first().toStdString() + "'")
                  << '\n'
                  << kUsage;
        return ExitUsage;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && !positional[0].endsWith(".json") &&
                                  !QFileInfo::exists(positional[0]))) {
        std::cerr << "dunderscope: unknown command '" << positional.last().toStdString() << "'\n"
                  << kUsage;
        return ExitUsage;
    }
    const QString op = parser.value("op");
    if (op != "get" && op != "set" && op != "delete") {
        std::cerr << "dunderscope: --op must be get, set or delete\n";
        return ExitUsage;
    }
    QApplication app(argc, argv);
    app.setOrganizationName("Dunderscope");
    app.setApplicationName("Dunderscope");
    app.setApplicationVersion(DUNDERSCOPE_VERSION);
    MainWindow window;
    const QString model =
        positional.isEmpty() ? QString(DS_DEMO_DIR "/descriptor-protocol.json") : positional[0];
    bool loaded = window.open_model(model);
    if (parser.isSet("speed")) window.set_replay_speed(parser.value("speed").toDouble());
    if (parser.isSet("step")) {
        window.lesson_go_to(parser.value("step").toInt() - 1);
        window.lesson_next();
    }
    for (const QString& statement : parser.values("run")) window.run_statement(statement);
    if (parser.isSet("select")) window.select_object(parser.value("select"));
    if (parser.isSet("attr")) window.select_attribute(parser.value("attr"), op);
    const bool screenshot = parser.isSet("screenshot");
    const QStringList size = parser.value("size").split('x');
    if (screenshot && size.size() == 2) window.resize(size[0].toInt(), size[1].toInt());
    window.show(); // laid out before presentation mode arranges the panes
    if (parser.isSet("presentation")) {
        window.findChild<QAction*>(QStringLiteral("presentationMode"))->trigger();
        if (screenshot) window.showNormal(); // the size asked for, not the (offscreen) screen's
    }
    if (!screenshot) return app.exec();
    QTimer::singleShot(0, &window, [&] {
        // A frame of the replay (--at), or its end state.
        if (parser.isSet("at"))
            window.replay()->seek(parser.value("at").toInt());
        else
            window.replay()->finish();
        const QString file = parser.value("screenshot");
        if (!window.grab().save(file, "PNG")) {
            std::cerr << "dunderscope: cannot write " << file.toStdString() << '\n';
            app.exit(ExitLoadError);
            return;
        }
        app.exit(loaded ? ExitOk : ExitLoadError);
    });
    return app.exec();
}

int main(int argc, char** argv) {
    const QString sub = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
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
        QStringList args = app.arguments();
        args.removeAt(1);
        return sub == "check" ? run_check(args) : run_eval(args);
    }
    if (sub == "export") {
        // The views are widgets: a QApplication, always on the offscreen platform (no display
        // needed, and the same fonts and resolution on every machine).
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Qt's own chatter (the offscreen platform's notices) is not the command's output.
        qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext&, const QString& message) {
                if (type == QtCriticalMsg || type == QtFatalMsg)
                    std::cerr << message.toStdString() << '\n';
            });
        QApplication app(argc, argv);
        QStringList args = app.arguments();
        args.removeAt(1);
        return run_export(args);
    }
    return run_window(argc, argv);
}
