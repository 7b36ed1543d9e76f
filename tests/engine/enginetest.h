// Shared helpers of the engine unit suites (tst_mro, tst_attribute, tst_interpreter): load a
// model and run statements in-process through the public API (model/session.h), always on a
// large stack, and turn results and traces into QStrings that QCOMPARE prints on failure.
//
// Every expected value in these suites is CPython 3.11's (run the same statements through
// tests/differential/reference.py). Outcomes are written as:
//   "<repr>"                 an expression's value (CPython's repr, normalised as the spec says)
//   ""                       a statement, or an expression whose value is None
//   "raised Type: message"   an exception ("raised Type" when the message is empty)
#pragma once

#include "attribute.h"
#include "events.h"
#include "operations.h"
#include "session.h"

#include <QString>
#include <QStringList>
#include <QtTest>

#include <functional>
#include <string>
#include <string_view>

namespace enginetest {

inline QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// The outcome of one statement, in the form described above.
inline QString outcome(const ds::StatementResult& r) {
    if (!r.ok)
        return QStringLiteral("raised ") + qs(r.error_type) +
               (r.error_message.empty() ? QString() : QStringLiteral(": ") + qs(r.error_message));
    return r.repr ? qs(*r.repr) : QString();
}

// load_model on a large stack (with the spec's limits unless given).
inline ds::LoadResult load(std::string_view json, const std::string& file = "test.json",
                           const ds::Limits& limits = {}) {
    ds::LoadResult result;
    ds::run_with_large_stack([&] { result = ds::load_model(json, file, limits); });
    return result;
}

// "Type: message" of a load that failed, or "loaded" when it did not fail.
inline QString loadError(const ds::LoadResult& r) {
    if (r.ok()) return QStringLiteral("loaded");
    return qs(r.error_type) + QStringLiteral(": ") + qs(r.error_message);
}

// A loaded model and its session. Statements run on a large stack (run_with_large_stack), as the
// CLI and the window run them; objects find their World's heap through their types, so any
// thread may run them.
class Model {
  public:
    explicit Model(std::string_view json, const ds::Limits& limits = {})
        : loaded_(load(json, "test.json", limits)) {}
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;
    ~Model() {
        if (!loaded_.session) return;
        ds::run_with_large_stack([&] { loaded_.session.reset(); });
    }

    bool ok() const { return loaded_.ok(); }
    const ds::LoadResult& loaded() const { return loaded_; }
    ds::Session& session() { return *loaded_.session; }

    ds::StatementResult run(std::string_view code, bool trace = false) {
        ds::StatementResult r;
        if (!loaded_.session) {
            r.ok = false;
            r.error_type = "ModelDidNotLoad";
            r.error_message = loadError(loaded_).toStdString();
            return r;
        }
        ds::Session& s = *loaded_.session;
        ds::run_with_large_stack([&] {
            r = s.run(code, trace);
        });
        return r;
    }
    ds::StatementResult trace(std::string_view code) { return run(code, true); }
    QString eval(std::string_view code) { return outcome(run(code)); }

    // Runs `work` on the model's World (large stack, the model's heap current). A Python
    // exception that escapes `work` becomes "raised Type: message" in the returned text;
    // otherwise the text is what `work` returned. QtTest macros must not be used in `work`
    // (it runs on another thread): return what is to be compared instead.
    QString with(const std::function<QString(ds::World&)>& work) {
        if (!loaded_.session) return QStringLiteral("model did not load: ") + loadError(loaded_);
        ds::World& w = loaded_.session->world();
        QString out;
        ds::run_with_large_stack([&] {
            try {
                out = work(w);
            } catch (ds::PyError& e) {
                out = QStringLiteral("raised ") + qs(ds::type_name(w, e.exc)) +
                      QStringLiteral(": ") + qs(ds::str(w, e.exc));
            }
        });
        return out;
    }

  private:
    ds::LoadResult loaded_;
};

// A global of the model's namespace (Empty when there is none).
inline ds::Value global(ds::World& w, std::string_view name) {
    ds::Value* v = w.globals->find_str(name);
    return v ? *v : ds::Value();
}

// ---- traces -------------------------------------------------------------------------------

// One event in one line: the kind, then its non-empty fields ("step data descriptor hit
// owner=Person what=data descriptor").
inline QString describe(const ds::Event& e) {
    QString s = QString::fromLatin1(ds::event_kind_name(e.kind));
    auto put = [&](const char* key, const std::string& v) {
        if (v.empty()) return;
        s += QLatin1Char(' ');
        if (key) s += QLatin1String(key) + QLatin1Char('=');
        s += qs(v);
    };
    put("op", e.op);
    put("object", e.object);
    put("kind", e.object_kind);
    put("name", e.name);
    put("stage", e.stage);
    put("owner", e.owner);
    put("what", e.what);
    put("outcome", e.outcome);
    put("value", e.value);
    put("message", e.message);
    return s;
}

inline QString dump(const std::vector<ds::Event>& events) {
    return qs(ds::events_to_text(events));
}

// The index of the n-th (0-based) Lookup event of a trace whose op and name match (op empty:
// any), or -1.
inline int findLookup(const std::vector<ds::Event>& events, const std::string& name, int n = 0,
                      const std::string& op = {}) {
    for (size_t i = 0; i < events.size(); ++i) {
        const ds::Event& e = events[i];
        if (e.kind == ds::EventKind::Lookup && e.name == name && (op.empty() || e.op == op) &&
            n-- == 0)
            return int(i);
    }
    return -1;
}

// The events one lookup caused directly (one level deeper than its Lookup event, up to the
// lookup's end), or only those of `kind`.
inline std::vector<ds::Event> childrenOf(const std::vector<ds::Event>& events, int lookup) {
    std::vector<ds::Event> out;
    if (lookup < 0) return out;
    const int depth = events[size_t(lookup)].depth;
    for (size_t i = size_t(lookup) + 1; i < events.size() && events[i].depth > depth; ++i)
        if (events[i].depth == depth + 1) out.push_back(events[i]);
    return out;
}

// The kinds of a lookup's direct children, in order ("mro-class step winner result").
inline QStringList childKinds(const std::vector<ds::Event>& events, int lookup) {
    QStringList out;
    for (const ds::Event& e : childrenOf(events, lookup))
        out << QString::fromLatin1(ds::event_kind_name(e.kind));
    return out;
}

// The precedence steps of a lookup, as "stage outcome" ("data descriptor miss",
// "instance __dict__ hit"), in the order the engine decided them.
inline QStringList steps(const std::vector<ds::Event>& events, int lookup) {
    QStringList out;
    for (const ds::Event& e : childrenOf(events, lookup))
        if (e.kind == ds::EventKind::Step) out << qs(e.stage) + QLatin1Char(' ') + qs(e.outcome);
    return out;
}

// The events of one kind among a lookup's direct children, each described.
inline QStringList childEvents(const std::vector<ds::Event>& events, int lookup,
                               ds::EventKind kind) {
    QStringList out;
    for (const ds::Event& e : childrenOf(events, lookup))
        if (e.kind == kind) out << describe(e);
    return out;
}

// Every event of one kind anywhere in a trace, each described.
inline QStringList allEvents(const std::vector<ds::Event>& events, ds::EventKind kind) {
    QStringList out;
    for (const ds::Event& e : events)
        if (e.kind == kind) out << describe(e);
    return out;
}

} // namespace enginetest

// QCOMPARE of a statement's outcome (see the top of this file) with CPython's.
#define CHECK_RUN(model, stmt, expected) QCOMPARE((model).eval(stmt), QString::fromUtf8(expected))

// The same, for a statement where the engine is known to differ from CPython: the expected value
// stays CPython's, the failure is expected (an XPASS fails the suite, so the mark goes when the
// engine is fixed).
#define CHECK_RUN_BUG(model, stmt, expected, why)                                                  \
    do {                                                                                           \
        const QString actual_ = (model).eval(stmt);                                                \
        QEXPECT_FAIL("", why, Continue);                                                           \
        QCOMPARE(actual_, QString::fromUtf8(expected));                                            \
    } while (false)

// A statement's printed output and its outcome.
#define CHECK_PRINT(model, stmt, expected_output, expected)                                        \
    do {                                                                                           \
        const ds::StatementResult r_ = (model).run(stmt);                                          \
        QCOMPARE(enginetest::qs(r_.output), QString::fromUtf8(expected_output));                   \
        QCOMPARE(enginetest::outcome(r_), QString::fromUtf8(expected));                            \
    } while (false)

// Where the spec departs from CPython on purpose (64-bit int, the instruction budget, no
// `import os`, allocation limits): the expected value is the spec's, not CPython's.
#define CHECK_RUN_SPEC(model, stmt, expected)                                                      \
    QCOMPARE((model).eval(stmt), QString::fromUtf8(expected))

// A model that must fail to load with CPython's exception type and message.
#define CHECK_LOAD_ERROR(json, expected)                                                           \
    QCOMPARE(enginetest::loadError(enginetest::load(json)), QString::fromUtf8(expected))
