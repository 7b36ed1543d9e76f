#include "events.h"

namespace ds {

const char* event_kind_name(EventKind kind) {
    switch (kind) {
    case EventKind::Lookup: return "lookup";
    case EventKind::MroClass: return "mro-class";
    case EventKind::Step: return "step";
    case EventKind::Winner: return "winner";
    case EventKind::Shadowed: return "shadowed";
    case EventKind::DescriptorCall: return "descriptor-call";
    case EventKind::DictRead: return "dict-read";
    case EventKind::DictWrite: return "dict-write";
    case EventKind::DictDelete: return "dict-delete";
    case EventKind::Call: return "call";
    case EventKind::StoreCall: return "store";
    case EventKind::SetName: return "set-name";
    case EventKind::Print: return "print";
    case EventKind::Exception: return "exception";
    case EventKind::Result: return "result";
    }
    return "?";
}

static nlohmann::ordered_json event_to_json(const Event& e) {
    nlohmann::ordered_json j;
    j["event"] = event_kind_name(e.kind);
    auto put = [&](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("op", e.op);
    put("object", e.object);
    put("object_kind", e.object_kind);
    put("name", e.name);
    put("stage", e.stage);
    put("owner", e.owner);
    put("what", e.what);
    put("outcome", e.outcome);
    put("value", e.value);
    put("message", e.message);
    return j;
}

nlohmann::ordered_json events_to_json(const std::vector<Event>& events) {
    // Each event's deeper followers become its "children" (iteratively: traces can be deep).
    nlohmann::ordered_json root = nlohmann::ordered_json::array();
    std::vector<std::pair<int, nlohmann::ordered_json*>> open; // depth, the children array
    for (const Event& e : events) {
        while (!open.empty() && open.back().first >= e.depth) open.pop_back();
        nlohmann::ordered_json* target = open.empty() ? &root : open.back().second;
        target->push_back(event_to_json(e));
        nlohmann::ordered_json& added = target->back();
        added["children"] = nlohmann::ordered_json::array();
        open.emplace_back(e.depth, &added["children"]);
    }
    // Drop empty children arrays to keep the output readable.
    std::vector<nlohmann::ordered_json*> stack{&root};
    while (!stack.empty()) {
        nlohmann::ordered_json* arr = stack.back();
        stack.pop_back();
        for (auto& item : *arr) {
            if (item["children"].empty()) item.erase("children");
            else stack.push_back(&item["children"]);
        }
    }
    return root;
}

static std::string describe(const Event& e) {
    auto with = [](const std::string& a, const std::string& b) { return b.empty() ? a : a + b; };
    switch (e.kind) {
    case EventKind::Lookup:
        return e.op + " " + e.object + "." + e.name + "   (" + e.object_kind + ")";
    case EventKind::MroClass:
        return "MRO " + e.owner + ": " + (e.outcome == "found" ? "has " + e.name + " = " + e.value + "  [" + e.what + "]" : "-");
    case EventKind::Step: {
        std::string mark = e.outcome == "hit" ? "[hit]   " : e.outcome == "miss" ? "[miss]  " : "[skip]  ";
        std::string detail = e.owner.empty() ? e.what : e.owner + (e.what.empty() ? "" : ", " + e.what);
        return mark + e.stage + (detail.empty() ? "" : "  (" + detail + ")");
    }
    case EventKind::Winner:
        return "=> winner: " + e.stage + (e.owner.empty() ? "" : " in " + e.owner) + with("  ", e.value);
    case EventKind::Shadowed:
        return "   shadowed: " + e.stage + (e.owner.empty() ? "" : " in " + e.owner) + with("  ", e.value) + "  [" + e.what + "]";
    case EventKind::DescriptorCall: return "call " + e.what + "." + e.op + "()  on " + e.object;
    case EventKind::DictRead: return "read  " + e.object + ".__dict__['" + e.name + "'] -> " + e.value;
    case EventKind::DictWrite:
        return (e.stage.empty() ? "write " + e.object + ".__dict__['" + e.name + "']" : "write slot " + e.object + "." + e.name) +
               " = " + e.value + (e.what.empty() ? "" : "  (" + e.what + ")");
    case EventKind::DictDelete:
        return e.stage.empty() ? "delete " + e.object + ".__dict__['" + e.name + "']" : "delete slot " + e.object + "." + e.name;
    case EventKind::Call: return "call " + e.object + "()";
    case EventKind::StoreCall: {
        std::string key = e.name.empty() ? "" : "'" + e.name + "'";
        return "store " + e.object + "." + e.op + "(" + key + ") -> " + e.outcome + with(" ", e.value);
    }
    case EventKind::SetName: return "__set_name__(" + e.owner + ", '" + e.name + "') on " + e.object;
    case EventKind::Print: {
        std::string text = e.value;
        if (!text.empty() && text.back() == '\n') text.pop_back();
        return "print: " + text;
    }
    case EventKind::Exception: return "raised " + e.message;
    case EventKind::Result: return "= " + e.value;
    }
    return "";
}

std::string events_to_text(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) {
        out += std::string(2 * (e.depth + 1), ' ');
        out += describe(e);
        out += '\n';
    }
    return out;
}

} // namespace ds
