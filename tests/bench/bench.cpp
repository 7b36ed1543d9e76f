// The benchmark driver: times what compare.py cannot time from outside a process. Each
// subcommand prints one JSON object on stdout; compare.py runs CPython, prints the table.
//
//   ds_bench run MODEL.json [--trace] STATEMENT...  CPU time of each statement (Session::run)
//   ds_bench load MODEL.json                        CPU time to load, peak RSS
//   ds_bench graph MODEL.json OUT.svg               whole-model MRO graph, layout + SVG (CPU)
//   ds_bench window MODEL.json CLASS...             MainWindow: filter, select (wall, ms)
#include "mainwindow.h"
#include "modeltree.h"
#include "mrograph.h"

#include "inspect.h"
#include "session.h"

#include <QApplication>
#include <QLineEdit>
#include <QPainter>
#include <QSvgGenerator>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
using nlohmann::json;

static double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the calling thread: the engine's own work, whatever else the machine runs
// (compare.py measures CPython the same way, with time.thread_time()).
static double thread_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Peak resident memory of this process image (VmHWM). Not getrusage's ru_maxrss: Linux keeps
// that across exec, so it would count the Python process that started us.
static long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

static std::unique_ptr<ds::Session> load_or_exit(const std::string& path) {
    ds::LoadResult loaded = ds::load_model_file(path);
    if (!loaded.ok()) {
        std::cerr << "ds_bench: " << path << " does not load: " << loaded.error_message << '\n';
        std::exit(1);
    }
    return std::move(loaded.session);
}

static int run_statements(const std::vector<std::string>& args) {
    bool trace = false;
    std::vector<std::string> statements;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--trace")
            trace = true;
        else
            statements.push_back(args[i]);
    }
    auto session = load_or_exit(args[0]);
    json out = json::array();
    ds::run_with_large_stack([&] {
        for (const std::string& s : statements) {
            double start = thread_seconds();
            ds::StatementResult r = session->run(s, trace);
            double t = thread_seconds() - start;
            out.push_back({{"stmt", s},
                           {"seconds", t},
                           {"ok", r.ok},
                           {"error", r.error_message},
                           {"events", r.trace.size()}});
        }
    });
    std::cout << out.dump() << '\n';
    return 0;
}

static int load(const std::string& path) {
    std::unique_ptr<ds::Session> session;
    double t = 0;
    ds::run_with_large_stack([&] {
        double start = thread_seconds();
        session = load_or_exit(path);
        t = thread_seconds() - start;
    });
    std::cout << json{{"seconds", t}, {"peak_rss_kib", peak_rss_kib()}}.dump() << '\n';
    return 0;
}

static int graph(const std::string& path, const std::string& svg_path) {
    auto session = load_or_exit(path);
    double start = thread_seconds();
    ds::ClassGraph graph = ds::class_graph(session->world(), nullptr);
    ds::MroGraphScene scene;
    scene.show_graph(graph);
    QSvgGenerator svg;
    svg.setFileName(QString::fromStdString(svg_path));
    QRectF bounds = scene.itemsBoundingRect();
    svg.setSize(bounds.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
    QPainter painter(&svg);
    scene.render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
    painter.end();
    double t = thread_seconds() - start;
    std::cout << json{{"seconds", t},
                      {"nodes", graph.nodes.size()},
                      {"graphviz", scene.laid_out_by_graphviz()}}
                     .dump()
              << '\n';
    return 0;
}

// Each interaction is timed until the event loop has drawn its result (processEvents + a
// synchronous repaint), as a user would see it.
static int window(const std::string& path, const std::vector<std::string>& classes) {
    ds::MainWindow window;
    window.resize(1600, 960);
    if (!window.open_model(QString::fromStdString(path))) return 1;
    window.show();
    QApplication::processEvents();
    auto settle = [&] {
        QApplication::processEvents();
        window.repaint();
    };
    auto timed = [&](auto&& action) {
        auto start = Clock::now();
        action();
        settle();
        return seconds_since(start) * 1000;
    };
    QLineEdit* filter = window.model_tree()->filter_edit();
    json filters = json::array(), selects = json::array();
    for (const std::string& c : classes) {
        QString name = QString::fromStdString(c);
        // Typing the name one key at a time, then clearing it.
        for (int n = 1; n <= name.size(); ++n)
            filters.push_back(timed([&] { filter->setText(name.left(n)); }));
        filters.push_back(timed([&] { filter->clear(); }));
        selects.push_back(timed([&] { window.select_object(name); }));
    }
    std::cout << json{{"filter_ms", filters}, {"select_ms", selects}}.dump() << '\n';
    return 0;
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string usage = "usage: ds_bench run|load|graph|window MODEL.json ...\n";
    if (args.size() < 2) {
        std::cerr << usage;
        return 2;
    }
    std::string sub = args[0];
    args.erase(args.begin());
    if (sub == "run") return run_statements(args);
    if (sub == "load") return load(args[0]);
    QApplication app(argc, argv); // offscreen: QT_QPA_PLATFORM=offscreen
    if (sub == "graph" && args.size() == 2) return graph(args[0], args[1]);
    if (sub == "window")
        return window(args[0], std::vector<std::string>(args.begin() + 1, args.end()));
    std::cerr << usage;
    return 2;
}
