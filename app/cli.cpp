#include "cli.h"

#include "session.h"

#include <QCommandLineParser>

#include <cstdio>
#include <iostream>

namespace ds {

static void print_errors(const std::vector<ModelError>& errors) {
    for (const ModelError& e : errors) std::cerr << e.format() << '\n';
}

// Parses a subcommand's options; on a usage error prints it and returns false.
static bool parse(QCommandLineParser& parser, const QStringList& args, const char* usage) {
    parser.addHelpOption();
    if (!parser.parse(args)) {
        std::cerr << "dunderscope: " << parser.errorText().toStdString() << "\nusage: " << usage << '\n';
        return false;
    }
    if (parser.isSet("help")) {
        std::cout << "usage: " << usage << '\n';
        std::exit(ExitOk);
    }
    if (parser.positionalArguments().isEmpty()) {
        std::cerr << "dunderscope: missing MODEL.json\nusage: " << usage << '\n';
        return false;
    }
    return true;
}

int run_check(const QStringList& args) {
    const char* usage = "dunderscope check MODEL.json";
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "The model file.");
    if (!parse(parser, args, usage)) return ExitUsage;
    if (parser.positionalArguments().size() > 1) {
        std::cerr << "dunderscope: check takes one MODEL.json\nusage: " << usage << '\n';
        return ExitUsage;
    }
    std::string path = parser.positionalArguments().first().toStdString();
    int code = ExitOk;
    run_with_large_stack([&] {
        LoadResult loaded = load_model_file(path);
        if (!loaded.ok()) {
            print_errors(loaded.errors);
            code = ExitLoadError;
            return;
        }
        const ModelSpec& s = loaded.session->spec();
        std::cout << path << ": ok (" << s.classes.size() << " classes, " << s.instances.size() << " instances, "
                  << s.modules.size() << " modules, " << s.stores.size() << " stores, " << s.script.size()
                  << " script statements)\n";
    });
    return code;
}

static nlohmann::ordered_json result_to_json(const StatementResult& r, bool trace) {
    nlohmann::ordered_json j;
    j["stmt"] = r.statement;
    j["ok"] = r.ok;
    if (r.ok) {
        j["repr"] = r.repr ? nlohmann::ordered_json(*r.repr) : nlohmann::ordered_json(nullptr);
    } else {
        j["error"] = {{"type", r.error_type}, {"message", r.error_message}};
    }
    if (!r.output.empty()) j["output"] = r.output;
    if (trace) j["trace"] = events_to_json(r.trace);
    return j;
}

static void print_text(const StatementResult& r, bool trace) {
    if (trace) {
        std::cout << ">>> " << r.statement << '\n' << events_to_text(r.trace);
    }
    std::cout << r.output;
    if (!r.ok) {
        std::cout << r.error_type;
        if (!r.error_message.empty()) std::cout << ": " << r.error_message;
        std::cout << '\n';
    } else if (r.repr) {
        std::cout << *r.repr << '\n';
    }
    if (trace) std::cout << '\n';
}

int run_eval(const QStringList& args) {
    const char* usage = "dunderscope eval MODEL.json [--json] [--trace] [--script] [STATEMENT ...]";
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "The model file.");
    parser.addPositionalArgument("statements", "Statements to run.", "[STATEMENT ...]");
    parser.addOption({"json", "Print one JSON document (spec/cli.md)."});
    parser.addOption({"trace", "Show every lookup's precedence chain."});
    parser.addOption({"script", "Run the model's script."});
    if (!parse(parser, args, usage)) return ExitUsage;
    QStringList positional = parser.positionalArguments();
    std::string path = positional.takeFirst().toStdString();
    bool json = parser.isSet("json"), trace = parser.isSet("trace"), script = parser.isSet("script");
    int code = ExitOk;
    run_with_large_stack([&] {
        LoadResult loaded = load_model_file(path);
        nlohmann::ordered_json doc;
        if (!loaded.ok()) {
            code = ExitLoadError;
            if (json) {
                doc["ok"] = false;
                doc["error"] = {{"type", loaded.error_type}, {"message", loaded.error_message}};
                doc["results"] = nlohmann::ordered_json::array();
                if (!loaded.output.empty()) doc["output"] = loaded.output;
                std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
            }
            print_errors(loaded.errors);
            return;
        }
        Session& session = *loaded.session;
        if (!json) std::cout << loaded.output;
        std::vector<StatementResult> results;
        bool interactive = !json; // text mode prints like the REPL
        if (script)
            for (size_t i = 0; i < session.script_size(); ++i)
                results.push_back(session.run_script_step(i, trace, interactive));
        for (const QString& stmt : positional) results.push_back(session.run(stmt.toStdString(), trace, interactive));
        if (!json) {
            for (const StatementResult& r : results) print_text(r, trace);
            return;
        }
        doc["ok"] = true;
        doc["error"] = nullptr;
        doc["results"] = nlohmann::ordered_json::array();
        if (!loaded.output.empty()) doc["output"] = loaded.output;
        for (const StatementResult& r : results) doc["results"].push_back(result_to_json(r, trace));
        std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    });
    return code;
}

} // namespace ds
