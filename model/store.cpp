// The mock external store (the spec's MemoryStore): every call is an event and is counted.
#include "store.h"

#include "builtins.h"
#include "events.h"
#include "operations.h"

namespace ds {

static StoreObject* self_store(const Value& self) { return self.as<StoreObject>(); }

static void trace_store(World& w, StoreObject* s, const char* op, const std::string& key,
                        const char* outcome, const Value& value = {}, const std::string& message = "") {
    if (!w.tracer) return;
    w.tracer->add(Event{.kind = EventKind::StoreCall, .op = op, .object = s->name, .name = key,
                        .outcome = outcome, .value = value.empty() ? "" : safe_repr(w, value),
                        .message = message});
}

// The failures of the reference MemoryStore._check, counted and traced.
static void check(World& w, StoreObject* s, const char* op, const Value& key) {
    std::string key_text = key.empty() ? "" : str(w, key);
    std::string failure;
    if (s->down) {
        failure = "store '" + s->name + "' is unavailable";
    } else if (!key.empty()) {
        for (const std::string& k : s->fail_keys)
            if (key.as<StrObject>() && k == key_text) failure = "store '" + s->name + "' failed on key '" + k + "'";
    }
    if (failure.empty()) return;
    ++s->counters.failures;
    trace_store(w, s, op, key_text, "failure", {}, "ConnectionError: " + failure);
    w.raise(w.types.ConnectionError, failure);
}

static void expect_store_args(World& w, const char* method, CallArgs& args, std::vector<const char*> names) {
    expect_no_keywords(w, method, args);
    std::string qn = std::string("MemoryStore.") + method;
    if (args.positional.size() > names.size())
        w.raise(w.types.TypeError, qn + "() takes " + std::to_string(names.size() + 1) + " positional argument" +
                                       (names.size() + 1 == 1 ? "" : "s") + " but " +
                                       std::to_string(args.positional.size() + 1) + " were given");
    if (args.positional.size() < names.size()) {
        size_t missing = names.size() - args.positional.size();
        std::string list;
        for (size_t i = args.positional.size(); i < names.size(); ++i) {
            if (i > args.positional.size()) list += i + 1 == names.size() ? " and " : ", ";
            list += std::string("'") + names[i] + "'";
        }
        w.raise(w.types.TypeError, qn + "() missing " + std::to_string(missing) + " required positional argument" +
                                       (missing == 1 ? "" : "s") + ": " + list);
    }
}

static Value store_get(World& w, const Value& self, CallArgs& args) {
    expect_store_args(w, "get", args, {"key"});
    StoreObject* s = self_store(self);
    const Value& key = args.positional[0];
    ++s->counters.reads;
    check(w, s, "get", key);
    Value* v = s->data->find(key, hash(w, key));
    if (v) ++s->counters.hits;
    else ++s->counters.misses;
    trace_store(w, s, "get", str(w, key), v ? "hit" : "miss", v ? *v : Value());
    return v ? *v : Value::none();
}

static Value store_set(World& w, const Value& self, CallArgs& args) {
    expect_store_args(w, "set", args, {"key", "value"});
    StoreObject* s = self_store(self);
    const Value& key = args.positional[0];
    check(w, s, "set", key);
    ++s->counters.writes;
    s->data->set(key, hash(w, key), args.positional[1]);
    trace_store(w, s, "set", str(w, key), "write", args.positional[1]);
    return Value::none();
}

static Value store_delete(World& w, const Value& self, CallArgs& args) {
    expect_store_args(w, "delete", args, {"key"});
    StoreObject* s = self_store(self);
    const Value& key = args.positional[0];
    check(w, s, "delete", key);
    ++s->counters.deletes;
    s->data->erase(key, hash(w, key));
    trace_store(w, s, "delete", str(w, key), "delete");
    return Value::none();
}

static Value store_keys(World& w, const Value& self, CallArgs& args) {
    expect_store_args(w, "keys", args, {});
    StoreObject* s = self_store(self);
    check(w, s, "keys", Value());
    std::vector<Value> keys = s->data->keys();
    std::stable_sort(keys.begin(), keys.end(), [&](const Value& a, const Value& b) {
        return truthy(w, compare(w, CompareOp::Lt, a, b));
    });
    trace_store(w, s, "keys", "", "hit");
    return w.list(std::move(keys));
}

StoreObject* find_store(World& w, const std::string& name) {
    Value* v = w.globals->find_str(name);
    return v ? v->as<StoreObject>() : nullptr;
}

void write_from_outside(World& w, StoreObject* s, const std::string& key, const std::string& text) {
    s->data->set(w.str(key), w.str(text));
}

void install_store_type(World& w) {
    TypeObject* t = w.types.store;
    add_method(w, t, "get", store_get);
    add_method(w, t, "set", store_set);
    add_method(w, t, "delete", store_delete);
    add_method(w, t, "keys", store_keys);
}

} // namespace ds
