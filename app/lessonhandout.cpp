#include "lessonhandout.h"

#include "tracequery.h"

#include <QFileInfo>

namespace ds {

static QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Handout make_handout(Session& session, const QString& source) {
    Handout handout;
    const ModelSpec& spec = session.spec();
    handout.title = spec.title.empty() ? QFileInfo(source).completeBaseName() : qs(spec.title);
    handout.notes = qs(spec.notes);
    handout.source = QFileInfo(source).fileName();
    run_with_large_stack([&] {
        World& w = session.world();
        QString object; // the object the last lookup was made on: its state follows the steps
        for (size_t i = 0; i < session.script_size(); ++i) {
            StatementResult r = session.run_script_step(i, true, true);
            HandoutStep step;
            step.statement = qs(r.statement);
            step.ok = r.ok;
            step.result = r.ok ? (r.repr ? qs(*r.repr) : QString())
                               : qs(r.error_type) + (r.error_message.empty() ? "" : ": ") +
                                     qs(r.error_message);
            step.output = qs(r.output);
            if (std::optional<MainLookup> main = main_lookup(w, r.trace)) {
                const Event& e = main->lookup;
                object = qs(main->target.name);
                step.chain_title = qs(lookup_title(main->target.name, e.name, e.op));
                step.static_events = static_lookup(w, main->target.value, e.name, e.op);
                step.dynamic_events = lookup_events(r.trace, e.object_id, e.name, e.op);
            }
            if (!object.isEmpty())
                if (Value* v = w.globals->find_str(object.toStdString())) {
                    step.object = object;
                    step.state = object_state(w, *v);
                }
            step.stores = store_states(w);
            handout.steps.push_back(std::move(step));
        }
    });
    return handout;
}

} // namespace ds
