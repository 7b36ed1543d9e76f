#include "tracequery.h"

#include "operations.h"

namespace ds {

std::vector<Event> lookup_events(const std::vector<Event>& trace, uintptr_t object_id,
                                 const std::string& name, const std::string& op) {
    for (size_t i = 0; i < trace.size(); ++i) {
        const Event& e = trace[i];
        if (e.kind != EventKind::Lookup || e.name != name || e.op != op || e.object_id != object_id)
            continue;
        std::vector<Event> out{e};
        for (size_t j = i + 1; j < trace.size() && trace[j].depth > e.depth; ++j)
            out.push_back(trace[j]);
        return out;
    }
    return {};
}

std::string lookup_title(const std::string& object, const std::string& name,
                         const std::string& op) {
    return (op == "get" ? "" : op + " ") + object + "." + name;
}

std::optional<MainLookup> main_lookup(World& w, const std::vector<Event>& trace) {
    for (const Event& e : trace) {
        if (e.kind != EventKind::Lookup || e.depth != 0) continue;
        for (NamedObject& o : model_objects(w))
            if (object_identity(o.value) == e.object_id) return MainLookup{e, std::move(o)};
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace ds
