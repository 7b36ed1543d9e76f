#include "exportcommand.h"

#include "chainview.h"
#include "cli.h"
#include "exporter.h"
#include "handout.h"
#include "lessonhandout.h"
#include "mrograph.h"
#include "operations.h"
#include "session.h"
#include "stateview.h"
#include "storeview.h"
#include "tracequery.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTableView>

#include <iostream>

namespace ds {

namespace {

const char* kUsage = "dunderscope export MODEL.json --view mro|chain|dict|store|lesson [--target "
                     "NAME] [--attr NAME]\n"
                     "                   [--op get|set|delete] [--run STATEMENT]... --format "
                     "svg|png|pdf|dot|mermaid\n"
                     "                   [--scale N] -o FILE";

const QStringList kViews = {"mro", "chain", "dict", "store", "lesson"};

// Width of the views that have no size of their own (the tables, the stores): the window's.
constexpr int kTableWidth = 520;

int usage_error(const QString& message) {
    std::cerr << "dunderscope: " << message.toStdString() << "\nusage: " << kUsage << '\n';
    return ExitUsage;
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// What the command line asked for, checked.
struct Request {
    QString model, view, target, attr, op, output;
    QStringList statements;
    ExportFormat format = ExportFormat::Svg;
    double scale = 1;
};

// Parses and checks the command line; on a usage error prints it and returns the exit code.
std::optional<int> parse_request(const QStringList& args, Request& req) {
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument("model", "The model file.");
    parser.addOption({"view", "What to draw: " + kViews.join(", ") + ".", "VIEW"});
    parser.addOption(
        {"target",
         "The class (mro), object (chain, dict) or store (store: all when left out) to draw.",
         "NAME"});
    parser.addOption(
        {"attr", "The attribute whose chain is drawn (mro: whose supplier is marked).", "NAME"});
    parser.addOption({"op", "The chain's operation: get, set or delete.", "OP", "get"});
    parser.addOption({"run", "Run STATEMENT first (repeatable).", "STATEMENT"});
    parser.addOption(
        {"format", "svg, png, pdf, dot or mermaid (default: from FILE's extension).", "FMT"});
    parser.addOption({"scale", "PNG scale factor (1 to 8).", "N", "1"});
    parser.addOption({{"o", "output"}, "The file to write.", "FILE"});
    if (!parser.parse(args)) return usage_error(parser.errorText());
    if (parser.isSet("help")) {
        std::cout << "usage: " << kUsage << '\n';
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) return usage_error("missing MODEL.json");
    if (positional.size() > 1) return usage_error("export takes one MODEL.json");
    req.model = positional.first();
    req.view = parser.value("view");
    if (!parser.isSet("view")) return usage_error("missing --view");
    if (!kViews.contains(req.view))
        return usage_error("unknown view '" + req.view + "': --view must be " + kViews.join(", "));
    req.output = parser.value("o");
    if (req.output.isEmpty()) return usage_error("missing -o FILE");
    const QString format =
        parser.isSet("format") ? parser.value("format") : QFileInfo(req.output).suffix();
    std::optional<ExportFormat> f = export_format_from_name(format);
    if (!f)
        return usage_error(parser.isSet("format")
                               ? "unknown format '" + format +
                                     "': --format must be svg, png, pdf, dot or mermaid"
                               : "missing --format (and " + req.output + " does not name one)");
    req.format = *f;
    if ((req.format == ExportFormat::Dot || req.format == ExportFormat::Mermaid) &&
        req.view != "mro")
        return usage_error("--format " + export_format_name(req.format) +
                           " draws the mro view only");
    if (req.view == "lesson" && req.format != ExportFormat::Pdf)
        return usage_error("the lesson handout is a PDF: use --format pdf");
    bool number = false;
    req.scale = parser.value("scale").toDouble(&number);
    if (!number || req.scale < 1 || req.scale > 8)
        return usage_error("--scale must be a number from 1 to 8");
    req.op = parser.value("op");
    if (req.op != "get" && req.op != "set" && req.op != "delete")
        return usage_error("--op must be get, set or delete");
    req.target = parser.value("target");
    req.attr = parser.value("attr");
    if ((req.view == "chain" || req.view == "dict") && req.target.isEmpty())
        return usage_error("--view " + req.view + " needs --target NAME");
    if (req.view == "chain" && req.attr.isEmpty())
        return usage_error("--view chain needs --attr NAME");
    req.statements = parser.values("run");
    if (req.view == "lesson" && !req.statements.isEmpty())
        return usage_error(
            "--view lesson runs the model's script from the start: --run does not apply");
    return std::nullopt;
}

// The drawing of the requested view as the file's bytes (the views live until it is encoded).
QByteArray draw(const Request& req, Session& session, const std::vector<Event>& last_trace) {
    World& w = session.world();
    Value target;
    if (!req.target.isEmpty()) target = *w.globals->find_str(req.target.toStdString());
    auto encode = [&](const Picture& picture) {
        switch (req.format) {
        case ExportFormat::Svg:
            return to_svg(picture);
        case ExportFormat::Png:
            return to_png(picture, req.scale);
        default:
            return to_pdf(picture);
        }
    };
    if (req.view == "mro") {
        QString supplier; // the class whose definition of --attr wins, marked as on screen
        ClassGraph graph;
        run_with_large_stack([&] {
            const TypeObject* cls = nullptr;
            if (!target.empty()) {
                cls = target.as<TypeObject>() ? target.as<TypeObject>() : type_of(w, target);
                for (const AttributeRow& r : attribute_table(w, target))
                    if (qs(r.name) == req.attr) supplier = qs(r.winner.owner);
            }
            graph = class_graph(w, cls);
        });
        MroGraphScene scene;
        scene.show_graph(graph, supplier);
        if (req.format == ExportFormat::Dot) return mro_to_dot(scene);
        if (req.format == ExportFormat::Mermaid) return mro_to_mermaid(scene);
        return encode(picture_of(scene, (req.target.isEmpty() ? QString("The model") : req.target) +
                                            " — MRO"));
    }
    if (req.view == "chain") {
        ChainView view;
        const std::string name = req.attr.toStdString(), op = req.op.toStdString();
        std::vector<Event> statics;
        run_with_large_stack([&] { statics = static_lookup(w, target, name, op); });
        const QString title = qs(lookup_title(req.target.toStdString(), name, op));
        view.show_chain(title, statics,
                        lookup_events(last_trace, object_identity(target), name, op));
        view.resize(view.sizeHint());
        return encode(picture_of(view, title + " — precedence chain"));
    }
    if (req.view == "store") {
        std::vector<StoreState> stores;
        run_with_large_stack([&] {
            for (StoreState& s : store_states(w))
                if (req.target.isEmpty() || qs(s.name) == req.target)
                    stores.push_back(std::move(s));
        });
        StoreView view;
        view.show_stores(stores);
        view.resize(std::max(view.sizeHint().width(), kTableWidth), view.sizeHint().height());
        return encode(picture_of_widget(
            view, (req.target.isEmpty() ? QString("The stores") : req.target) + " — store"));
    }
    StateView view; // dict
    std::vector<StateEntry> entries;
    run_with_large_stack([&] { entries = object_state(w, target); });
    view.show_state(req.target, entries);
    fit_to_rows(view, *view.table_view(), kTableWidth);
    return encode(picture_of_widget(view, req.target + ".__dict__"));
}

} // namespace

int run_export(const QStringList& args) {
    Request req;
    if (std::optional<int> code = parse_request(args, req)) return *code;

    LoadResult loaded;
    run_with_large_stack([&] { loaded = load_model_file(req.model.toStdString()); });
    // The session's heap is freed on a big stack too (deep object graphs), whatever the exit.
    struct FreeOnLargeStack {
        std::unique_ptr<Session>& session;
        ~FreeOnLargeStack() {
            run_with_large_stack([&] { session.reset(); });
        }
    } free_session{loaded.session};
    if (!loaded.ok()) {
        for (const ModelError& e : loaded.errors) std::cerr << e.format() << '\n';
        return ExitLoadError;
    }
    Session& session = *loaded.session;
    QByteArray data;
    if (req.view == "lesson") {
        data = handout_to_pdf(make_handout(session, req.model));
    } else {
        std::vector<Event> last_trace; // the chain shows what the last statement did
        for (const QString& statement : req.statements) {
            StatementResult r;
            run_with_large_stack([&] { r = session.run(statement.toStdString(), true, true); });
            last_trace = std::move(r.trace);
        }
        if (!req.target.isEmpty() && !session.world().globals->find_str(req.target.toStdString())) {
            std::cerr << "dunderscope: " << req.model.toStdString() << " has no object named '"
                      << req.target.toStdString() << "'\n";
            return ExitUsage;
        }
        if (req.view == "store" && !req.target.isEmpty()) {
            bool is_store = false;
            run_with_large_stack([&] {
                for (const StoreState& s : store_states(session.world()))
                    is_store |= qs(s.name) == req.target;
            });
            if (!is_store) {
                std::cerr << "dunderscope: '" << req.target.toStdString() << "' is not a store of "
                          << req.model.toStdString() << '\n';
                return ExitUsage;
            }
        }
        data = draw(req, session, last_trace);
    }
    QString error;
    if (!save_atomically(req.output, data, &error)) {
        std::cerr << "dunderscope: " << error.toStdString() << '\n';
        return ExitCannotWrite;
    }
    return ExitOk;
}

} // namespace ds
