#include "inspect.h"

#include "attribute.h"
#include "operations.h"

#include <algorithm>
#include <map>
#include <set>

namespace ds {

std::vector<NamedObject> model_objects(World& w) {
    std::vector<NamedObject> out;
    w.globals->for_each([&](const Value& key, const Value& v) {
        auto* name = key.as<StrObject>();
        if (!name || name->text == "__name__") return; // the namespace's own name is not an object of the model
        NamedObject o{name->text, ObjectKind::Other, type_name(w, v), v};
        if (auto* t = v.as<TypeObject>()) {
            o.kind = ObjectKind::Class;
            o.type_name = t->type->name;
        } else if (v.as<ModuleObject>()) {
            o.kind = ObjectKind::Module;
        } else if (v.as<StoreObject>()) {
            o.kind = ObjectKind::Store;
        } else if (v.as<InstanceObject>()) {
            o.kind = ObjectKind::Instance;
        }
        out.push_back(std::move(o));
    });
    return out;
}

ClassGraph class_graph(World& w, const TypeObject* focus) {
    ClassGraph g;
    std::vector<const TypeObject*> classes;
    auto add = [&](const TypeObject* t) {
        if (std::find(classes.begin(), classes.end(), t) == classes.end()) classes.push_back(t);
    };
    if (focus) {
        for (const auto& c : focus->mro) add(c.get());
    } else {
        for (const NamedObject& o : model_objects(w))
            if (o.kind == ObjectKind::Class)
                for (const auto& c : o.value.as<TypeObject>()->mro) add(c.get());
    }
    for (const TypeObject* t : classes) {
        ClassNode n{t->name, !t->heap, -1, false};
        if (focus)
            for (size_t i = 0; i < focus->mro.size(); ++i)
                if (focus->mro[i].get() == t) n.mro_index = int(i);
        g.nodes.push_back(n);
        for (size_t i = 0; i < t->bases.size(); ++i) g.edges.push_back({t->name, t->bases[i]->name, int(i)});
    }
    for (const TypeObject* t : classes) {
        const TypeObject* meta = t->type;
        if (meta == w.types.type) continue;
        g.metaclass_edges.push_back({t->name, meta->name, 0});
        bool present = std::any_of(g.nodes.begin(), g.nodes.end(), [&](const ClassNode& n) { return n.name == meta->name; });
        if (!present) g.nodes.push_back(ClassNode{meta->name, !meta->heap, -1, true});
    }
    return g;
}

static const DictObject* own_dict(const Value& obj) {
    if (auto* inst = obj.as<InstanceObject>()) return inst->dict.get();
    if (auto* m = obj.as<ModuleObject>()) return m->dict.get();
    if (auto* t = obj.as<TypeObject>()) return t->dict.get();
    return nullptr;
}

std::vector<StateEntry> object_state(World& w, const Value& obj) {
    std::vector<StateEntry> out;
    if (const DictObject* d = own_dict(obj)) {
        d->for_each([&](const Value& k, const Value& v) {
            out.push_back({k.as<StrObject>() ? k.as<StrObject>()->text : safe_repr(w, k), safe_repr(w, v),
                           type_name(w, v), false, false});
        });
    }
    if (auto* inst = obj.as<InstanceObject>()) {
        // Slots in layout order: base classes' first.
        const auto& mro = inst->type->mro;
        for (auto it = mro.rbegin(); it != mro.rend(); ++it) {
            for (const std::string& slot : (*it)->own_slots) {
                Value* d = (*it)->dict->find_str(slot);
                auto* sd = d ? d->as<SlotDescriptorObject>() : nullptr;
                if (!sd || sd->index >= inst->slot_values.size()) continue;
                const Value& v = inst->slot_values[sd->index];
                out.push_back({slot, v.empty() ? "" : safe_repr(w, v), v.empty() ? "" : type_name(w, v), true, v.empty()});
            }
        }
    }
    return out;
}

std::vector<AttributeRow> attribute_table(World& w, const Value& obj, bool include_object) {
    std::set<std::string> names;
    const TypeObject* type = obj.as<TypeObject>() ? obj.as<TypeObject>() : type_of(w, obj);
    for (const auto& cls : type->mro) {
        if (cls.get() == w.types.object && !include_object) continue;
        cls->dict->for_each([&](const Value& k, const Value&) {
            if (auto* s = k.as<StrObject>()) names.insert(s->text);
        });
    }
    if (!obj.as<TypeObject>())
        if (const DictObject* d = own_dict(obj))
            d->for_each([&](const Value& k, const Value&) {
                if (auto* s = k.as<StrObject>()) names.insert(s->text);
            });
    std::vector<AttributeRow> rows;
    for (const std::string& name : names) {
        std::vector<Candidate> candidates = attribute_candidates(w, obj, name);
        if (candidates.empty()) continue;
        AttributeRow row;
        row.name = name;
        for (size_t i = 0; i < candidates.size(); ++i) {
            AttributeDefinition d{candidates[i].owner, candidates[i].what, safe_repr(w, candidates[i].value)};
            if (i == 0) row.winner = d;
            else row.losers.push_back(d);
        }
        row.store = backing_store(candidates[0].value);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StoreState> store_states(World& w) {
    std::vector<StoreState> out;
    for (const NamedObject& o : model_objects(w)) {
        auto* s = o.value.as<StoreObject>();
        if (!s) continue;
        StoreState state{s->name, s->latency_ms, s->down, s->fail_keys, {}, s->counters};
        s->data->for_each([&](const Value& k, const Value& v) {
            state.entries.push_back({k.as<StrObject>() ? k.as<StrObject>()->text : safe_repr(w, k), safe_repr(w, v)});
        });
        std::sort(state.entries.begin(), state.entries.end(),
                  [](const StoreEntry& a, const StoreEntry& b) { return a.key < b.key; });
        out.push_back(std::move(state));
    }
    return out;
}

std::string backing_store(const Value& value) {
    auto* inst = value.as<InstanceObject>();
    if (!inst || !inst->dict) return "";
    std::string store;
    inst->dict->for_each([&](const Value&, const Value& v) {
        if (auto* s = v.as<StoreObject>(); s && store.empty()) store = s->name;
    });
    return store;
}

std::vector<Event> static_lookup(World& w, const Value& obj, const std::string& name, const std::string& op) {
    Tracer tracer;
    Tracer* saved_tracer = w.tracer;
    bool saved_mode = w.static_mode;
    w.tracer = &tracer;
    w.static_mode = true;
    try {
        if (op == "set") setattr(w, obj, name, Value::none());
        else if (op == "delete") delattr(w, obj, name);
        else getattr(w, obj, name);
    } catch (PyError& e) {
        // Only builtin exceptions can be raised here (no model code runs), so str() is safe.
        std::string message = type_name(w, e.exc) + ": " + str(w, e.exc);
        if (tracer.events.empty() || tracer.events.back().kind != EventKind::Exception)
            tracer.add(Event{.kind = EventKind::Exception, .name = name, .message = message});
    } catch (BudgetExceeded&) {
    }
    w.tracer = saved_tracer;
    w.static_mode = saved_mode;
    return std::move(tracer.events);
}

} // namespace ds
