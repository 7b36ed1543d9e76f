#include "loader.h"

#include "jsonpositions.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <new>
#include <unordered_map>
#include <unordered_set>

namespace ds {

namespace {

using J = nlohmann::ordered_json;
using Node = JsonIndex::Node;

// A model larger than this is refused before parsing (nlohmann needs ~10x the text in memory).
constexpr size_t max_model_size = size_t{256} << 20;

const char* const builtin_bases[] = {"object", "type", "module", "Exception"};

bool is_builtin_base(std::string_view name) {
    return std::find(std::begin(builtin_bases), std::end(builtin_bases), name) !=
           std::end(builtin_bases);
}

const char* type_name(const J& j) {
    switch (j.type()) {
    case J::value_t::null:
        return "null";
    case J::value_t::boolean:
        return "boolean";
    case J::value_t::number_integer:
    case J::value_t::number_unsigned:
    case J::value_t::number_float:
        return "number";
    case J::value_t::string:
        return "string";
    case J::value_t::array:
        return "array";
    case J::value_t::object:
        return "object";
    default:
        return "binary data";
    }
}

// A scalar as JSON text (cut after 60 code points); "an array" / "an object" for containers.
std::string show(const J& j) {
    if (j.is_array()) return "an array";
    if (j.is_object()) return "an object";
    std::string s = j.dump(-1, ' ', false, J::error_handler_t::replace);
    int count = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++count > 60)
            return s.substr(0, i) + "...";
    }
    return s;
}

std::string join(std::initializer_list<std::string_view> words) {
    std::string out;
    for (std::string_view w : words) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

bool starts_with_x(std::string_view key) {
    return key.size() >= 2 && key[0] == 'x' && key[1] == '-';
}

// A value of the document with its position node and its JSON pointer.
struct At {
    const J* j = nullptr;
    Node node = JsonIndex::npos;
    std::string ptr;
};

// The schema keys found in one object, in document order.
struct Fields {
    std::vector<std::pair<std::string, At>> known;
    const At* get(std::string_view key) const {
        for (const auto& [k, a] : known)
            if (k == key) return &a;
        return nullptr;
    }
};

struct NameOwner {
    std::string ptr;
    bool is_class = false;
};

class Loader {
  public:
    Loader(const JsonIndex& index, const std::string& file, std::vector<ModelError>& errors)
        : idx_(index), file_(file), errors_(errors) {}

    void run(const J& root_json, ModelSpec& spec) {
        const At root{&root_json, idx_.root(), ""};
        if (!root_json.is_object()) {
            error(place(root),
                  std::string("the model must be a JSON object, got ") + type_name(root_json));
            return;
        }
        collect_names(root);
        Fields f = fields(
            root,
            {"format", "title", "notes", "stores", "classes", "modules", "instances", "script"},
            spec.extensions);
        if (const At* a = f.get("format")) {
            if (!(a->j->is_string() && a->j->get_ref<const std::string&>() == "dunderscope/1"))
                error(place(*a), "\"format\" must be \"dunderscope/1\", got " + show(*a->j));
        } else {
            error(place(root), "missing required key \"format\" (expected \"format\": "
                               "\"dunderscope/1\")");
        }
        for (const auto& [key, a] : f.known) {
            if (key == "title")
                string_value(a, spec.title);
            else if (key == "notes")
                string_value(a, spec.notes);
            else if (key == "stores")
                each_element(a, [&](const At& e, size_t) { store(e, spec); });
            else if (key == "classes")
                each_element(a, [&](const At& e, size_t i) { klass(e, i, spec); });
            else if (key == "modules")
                each_element(a, [&](const At& e, size_t) { module(e, spec); });
            else if (key == "instances")
                each_element(a, [&](const At& e, size_t) { instance(e, spec); });
            else if (key == "script") {
                each_element(a, [&](const At& e, size_t) {
                    if (auto c = code(e)) spec.script.push_back(std::move(*c));
                });
            }
        }
    }

  private:
    const JsonIndex& idx_;
    const std::string& file_;
    std::vector<ModelError>& errors_;
    std::unordered_map<std::string, NameOwner> names_;    // global name -> first owner
    std::unordered_map<std::string, size_t> class_index_; // class name -> index in classes

    // ---- places and errors ----

    SourcePlace place(const At& a) const {
        JsonPos p = idx_.value_pos(a.node);
        return {a.ptr, p.line, p.column};
    }
    SourcePlace key_place(const At& a) const {
        JsonPos p = idx_.key_pos(a.node);
        return {a.ptr, p.line, p.column};
    }
    void error(SourcePlace p, std::string message) {
        errors_.push_back(ModelError{file_, std::move(p), 0, 0, std::move(message)});
    }

    bool want(const At& a, bool ok, const char* expected) {
        if (!ok) error(place(a), std::string("expected ") + expected + ", got " + type_name(*a.j));
        return ok;
    }

    // ---- walking ----

    template <class F> void each_element(const At& a, F&& visit) {
        if (!want(a, a.j->is_array(), "an array")) return;
        for (size_t i = 0; i < a.j->size(); ++i)
            visit(At{&(*a.j)[i], idx_.child(a.node, i),
                     json_pointer_append(a.ptr, std::to_string(i))},
                  i);
    }

    // Visits the members of an object in document order: visit(member, key).
    template <class F> void each_member(const At& a, F&& visit) {
        size_t i = 0;
        for (auto it = a.j->begin(); it != a.j->end(); ++it, ++i)
            visit(At{&it.value(), idx_.child(a.node, i), json_pointer_append(a.ptr, it.key())},
                  it.key());
    }

    // Sorts the members of a schema object: known keys, "x-" keys (copied to `extensions`), and
    // errors for the others.
    Fields fields(const At& a, std::initializer_list<std::string_view> allowed, J& extensions,
                  const std::string& context = "") {
        Fields f;
        each_member(a, [&](const At& m, const std::string& key) {
            if (starts_with_x(key)) {
                extensions[key] = *m.j;
            } else if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
                f.known.emplace_back(key, m);
            } else {
                error(key_place(m), "unknown key " + quote_for_message(key) + context +
                                        " (expected one of: " + join(allowed) +
                                        "; or an 'x-' key)");
            }
        });
        return f;
    }

    bool string_value(const At& a, std::string& out) {
        if (!want(a, a.j->is_string(), "a string")) return false;
        out = a.j->get<std::string>();
        return true;
    }

    std::optional<CodeSpec> code(const At& a) {
        CodeSpec c;
        if (!string_value(a, c.text)) return std::nullopt;
        c.place = place(a);
        return c;
    }

    // A name: an identifier that is not a keyword. `where` is the place for the error.
    bool name_ok(const std::string& name, const SourcePlace& where) {
        if (!is_python_identifier(name)) {
            error(where, quote_for_message(name) + " is not a Python identifier");
            return false;
        }
        if (is_python_keyword(name)) {
            error(where, quote_for_message(name) + " is a Python keyword, not usable as a name");
            return false;
        }
        return true;
    }

    static bool plain_name(const std::string& name) {
        return is_python_identifier(name) && !is_python_keyword(name);
    }

    // ---- global names ----

    // First pass: who owns each global name (the first declaration in document order), and
    // where each class is, so that later references (module and instance "class") resolve.
    void collect_names(const At& root) {
        each_member(root, [&](const At& list, const std::string& key) {
            const bool is_class = key == "classes";
            if (!(key == "stores" || is_class || key == "modules" || key == "instances")) return;
            if (!list.j->is_array()) return;
            for (size_t i = 0; i < list.j->size(); ++i) {
                const J& e = (*list.j)[i];
                if (!e.is_object()) continue;
                auto n = e.find("name");
                if (n == e.end() || !n->is_string()) continue;
                const std::string& name = n->get_ref<const std::string&>();
                if (!plain_name(name) || names_.count(name)) continue;
                names_[name] =
                    NameOwner{json_pointer_append(list.ptr, std::to_string(i)), is_class};
                if (is_class) class_index_[name] = i;
            }
        });
    }

    // The "name" of a store, class, module or instance.
    std::string declared_name(const At& obj, const Fields& f) {
        const At* n = f.get("name");
        if (!n) {
            error(place(obj), "missing required key \"name\"");
            return "";
        }
        std::string name;
        if (!string_value(*n, name) || !name_ok(name, place(*n))) return name;
        auto it = names_.find(name);
        if (it != names_.end() && it->second.ptr != obj.ptr)
            error(place(*n),
                  "name " + quote_for_message(name) + " is already used by " + it->second.ptr);
        return name;
    }

    std::optional<size_t> class_position(const std::string& name) const {
        auto it = class_index_.find(name);
        if (it == class_index_.end()) return std::nullopt;
        return it->second;
    }

    bool is_non_class_name(const std::string& name) const {
        auto it = names_.find(name);
        return it != names_.end() && !it->second.is_class;
    }

    void check_base(const std::string& base, const SourcePlace& where, size_t self) {
        const char* rule =
            "(bases must be object, type, module, Exception or a class defined earlier)";
        auto pos = class_position(base);
        if ((pos && *pos < self) || is_builtin_base(base)) return;
        if (pos && *pos == self)
            error(where, "class " + quote_for_message(base) + " cannot be its own base");
        else if (pos)
            error(where,
                  "base class " + quote_for_message(base) +
                      " is defined later in the file (a base must come before its subclasses)");
        else if (is_non_class_name(base))
            error(where, quote_for_message(base) + " is not a class " + rule);
        else
            error(where, "unknown base class " + quote_for_message(base) + " " + rule);
    }

    void check_metaclass(const std::string& meta, const SourcePlace& where, size_t self) {
        const char* rule = "(the metaclass must be type or a class defined earlier)";
        auto pos = class_position(meta);
        if ((pos && *pos < self) || meta == "type") return;
        if (pos && *pos == self)
            error(where, "class " + quote_for_message(meta) + " cannot be its own metaclass");
        else if (pos)
            error(where, "metaclass " + quote_for_message(meta) +
                             " is defined later in the file (it must come before the classes that "
                             "use it)");
        else if (is_builtin_base(meta) || is_non_class_name(meta))
            error(where, quote_for_message(meta) + " cannot be the metaclass " + rule);
        else
            error(where, "unknown metaclass " + quote_for_message(meta) + " " + rule);
    }

    // The "class" of a module or an instance: any class of the model or a builtin base.
    void check_class_ref(const std::string& name, const SourcePlace& where) {
        if (class_position(name) || is_builtin_base(name)) return;
        if (is_non_class_name(name))
            error(where, quote_for_message(name) + " is not a class");
        else
            error(where, "unknown class " + quote_for_message(name) +
                             " (expected a class of this model or one of object, type, module, "
                             "Exception)");
    }

    // ---- stores ----

    void store(const At& a, ModelSpec& spec) {
        if (!want(a, a.j->is_object(), "an object")) return;
        StoreSpec s;
        s.place = place(a);
        Fields f = fields(a, {"name", "data", "latency_ms", "down", "fail_keys"}, s.extensions);
        s.name = declared_name(a, f);
        for (const auto& [key, m] : f.known) {
            if (key == "data") {
                if (!want(m, m.j->is_object(), "an object")) continue;
                each_member(m, [&](const At& v, const std::string& k) {
                    std::string text;
                    if (string_value(v, text)) s.data.emplace_back(k, std::move(text));
                });
            } else if (key == "latency_ms") {
                if (!want(m, m.j->is_number(), "a number")) continue;
                s.latency_ms = m.j->get<double>();
                if (!(s.latency_ms >= 0) || !std::isfinite(s.latency_ms)) {
                    error(place(m), "\"latency_ms\" must be a number >= 0, got " + show(*m.j));
                    s.latency_ms = 0;
                }
            } else if (key == "down") {
                if (want(m, m.j->is_boolean(), "a boolean")) s.down = m.j->get<bool>();
            } else if (key == "fail_keys") {
                each_element(m, [&](const At& e, size_t) {
                    std::string k;
                    if (string_value(e, k)) s.fail_keys.push_back(std::move(k));
                });
            }
        }
        spec.stores.push_back(std::move(s));
    }

    // ---- classes ----

    void klass(const At& a, size_t index, ModelSpec& spec) {
        if (!want(a, a.j->is_object(), "an object")) return;
        ClassSpec c;
        c.place = place(a);
        Fields f = fields(a, {"name", "bases", "metaclass", "slots", "doc", "attrs"}, c.extensions);
        c.name = declared_name(a, f);
        for (const auto& [key, m] : f.known) {
            if (key == "bases") {
                each_element(m, [&](const At& e, size_t) {
                    std::string base;
                    if (!string_value(e, base)) return;
                    check_base(base, place(e), index);
                    c.bases.push_back(std::move(base));
                    c.base_places.push_back(place(e));
                });
            } else if (key == "metaclass") {
                std::string meta;
                if (!string_value(m, meta)) continue;
                check_metaclass(meta, place(m), index);
                c.metaclass = std::move(meta);
                c.metaclass_place = place(m);
            } else if (key == "slots") {
                if (!m.j->is_array()) {
                    want(m, false, "an array");
                    continue;
                }
                c.slot_names.emplace();
                std::unordered_set<std::string> seen;
                each_element(m, [&](const At& e, size_t) {
                    std::string slot;
                    if (!string_value(e, slot) || !name_ok(slot, place(e))) return;
                    if (!seen.insert(slot).second) {
                        error(place(e), "duplicate slot " + quote_for_message(slot));
                        return;
                    }
                    c.slot_names->push_back(std::move(slot));
                });
            } else if (key == "doc") {
                std::string doc;
                if (string_value(m, doc)) c.doc = std::move(doc);
            } else if (key == "attrs") {
                attribute_map(m, c.attrs, true);
            }
        }
        spec.classes.push_back(std::move(c));
    }

    // ---- attributes ----

    // class "attrs", module and instance "dict", instance "slots". With `names`, keys must be
    // identifiers and "x-" keys are skipped; otherwise keys are free (a __dict__ takes any str).
    void attribute_map(const At& a, std::vector<AttributeSpec>& out, bool names) {
        if (!want(a, a.j->is_object(), "an object")) return;
        each_member(a, [&](const At& m, const std::string& key) {
            if (names && starts_with_x(key)) return;
            bool ok = !names || name_ok(key, key_place(m));
            std::optional<AttributeSpec> attr = attribute(m, key);
            if (ok && attr) out.push_back(std::move(*attr));
        });
    }

    std::optional<AttributeSpec> attribute(const At& a, const std::string& name) {
        using Kind = AttributeSpec::Kind;
        AttributeSpec s;
        s.name = name;
        s.place = place(a);
        if (!a.j->is_object()) {
            s.kind = Kind::Value;
            s.value = *a.j;
            return s;
        }
        std::optional<At> kind_at;
        each_member(a, [&](const At& m, const std::string& key) {
            if (key == "kind") kind_at = m;
        });
        if (!kind_at) {
            error(place(a), "missing required key \"kind\" (an attribute written as a JSON object "
                            "needs a \"kind\"; a dict value is written {\"kind\": \"value\", "
                            "\"value\": {...}})");
            return std::nullopt;
        }
        std::string kind;
        if (!string_value(*kind_at, kind)) return std::nullopt;
        const std::string context = " for kind " + quote_for_message(kind);
        Fields f;
        const char* required = nullptr;
        if (kind == "value") {
            s.kind = Kind::Value;
            f = fields(a, {"kind", "value"}, s.extensions, context);
            required = "value";
        } else if (kind == "expr") {
            s.kind = Kind::Expr;
            f = fields(a, {"kind", "expr"}, s.extensions, context);
            required = "expr";
        } else if (kind == "function" || kind == "classmethod" || kind == "staticmethod" ||
                   kind == "cached_property") {
            s.kind = kind == "function"       ? Kind::Function
                     : kind == "classmethod"  ? Kind::ClassMethod
                     : kind == "staticmethod" ? Kind::StaticMethod
                                              : Kind::CachedProperty;
            f = fields(a, {"kind", "source"}, s.extensions, context);
            required = "source";
        } else if (kind == "property") {
            s.kind = Kind::Property;
            f = fields(a, {"kind", "get", "set", "delete", "doc"}, s.extensions, context);
        } else {
            error(place(*kind_at), "unknown kind " + quote_for_message(kind) +
                                       " (expected one of: value, expr, function, property, "
                                       "classmethod, staticmethod, cached_property)");
            return std::nullopt;
        }
        bool ok = true;
        if (required && !f.get(required)) {
            error(place(a), std::string("missing required key \"") + required + "\"" + context);
            ok = false;
        }
        for (const auto& [key, m] : f.known) {
            if (key == "kind") continue;
            if (key == "value") {
                s.value = *m.j;
                continue;
            }
            if (key == "doc") {
                std::string doc;
                if (string_value(m, doc))
                    s.doc = std::move(doc);
                else
                    ok = false;
                continue;
            }
            std::optional<CodeSpec> c = code(m);
            if (!c) {
                ok = false;
                continue;
            }
            if (key == "expr")
                s.expr = std::move(*c);
            else if (key == "source")
                s.source = std::move(*c);
            else if (key == "get")
                s.get = std::move(*c);
            else if (key == "set")
                s.set = std::move(*c);
            else if (key == "delete")
                s.del = std::move(*c);
        }
        if (!ok) return std::nullopt;
        return s;
    }

    // ---- modules and instances ----

    void module(const At& a, ModelSpec& spec) {
        if (!want(a, a.j->is_object(), "an object")) return;
        ModuleSpec s;
        s.place = place(a);
        Fields f = fields(a, {"name", "class", "dict"}, s.extensions);
        s.name = declared_name(a, f);
        for (const auto& [key, m] : f.known) {
            if (key == "class") {
                std::string cls;
                if (!string_value(m, cls)) continue;
                check_class_ref(cls, place(m));
                s.class_name = std::move(cls);
                s.class_place = place(m);
            } else if (key == "dict") {
                attribute_map(m, s.dict, false);
            }
        }
        spec.modules.push_back(std::move(s));
    }

    void instance(const At& a, ModelSpec& spec) {
        if (!want(a, a.j->is_object(), "an object")) return;
        InstanceSpec s;
        s.place = place(a);
        Fields f = fields(a, {"name", "new", "class", "dict", "slots"}, s.extensions);
        s.name = declared_name(a, f);
        if (static_cast<bool>(f.get("new")) == static_cast<bool>(f.get("class")))
            error(place(a), "an instance needs exactly one of \"new\" or \"class\"");
        for (const auto& [key, m] : f.known) {
            if (key == "new") {
                s.new_expr = code(m);
            } else if (key == "class") {
                std::string cls;
                if (!string_value(m, cls)) continue;
                check_class_ref(cls, place(m));
                s.class_name = std::move(cls);
                s.class_place = place(m);
            } else if (key == "dict") {
                attribute_map(m, s.dict, false);
            } else if (key == "slots") {
                attribute_map(m, s.slot_values, true);
            }
        }
        spec.instances.push_back(std::move(s));
    }
};

ModelError whole_file_error(const std::string& file, std::string message, JsonPos at = {}) {
    return ModelError{file, SourcePlace{"", at.line, at.column}, 0, 0, std::move(message)};
}

// Builds the ordered_json that J::parse builds, in time linear in the text. J::parse inserts
// every key of an object with ordered_map's linear search for a duplicate: 100,000 keys took
// seconds, and a 256 MiB file of small keys would take hours. Here a key is appended, and
// looked up (in a hash map) only when its object already has it: a duplicated key (an error
// the index reports) keeps ordered_json's rule, its first slot and the last value.
class OrderedJsonBuilder {
  public:
    explicit OrderedJsonBuilder(J& root) : root_(root) {}

    bool null() { return put(nullptr); }
    bool boolean(bool b) { return put(b); }
    bool number_integer(J::number_integer_t v) { return put(v); }
    bool number_unsigned(J::number_unsigned_t v) { return put(v); }
    bool number_float(J::number_float_t v, const J::string_t&) { return put(v); }
    bool string(J::string_t& v) { return put(std::move(v)); }
    bool binary(J::binary_t& v) { return put(J::binary(std::move(v))); }
    bool start_object(std::size_t) { return open(J::object()); }
    bool key(J::string_t& k) {
        key_ = std::move(k);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(J::array()); }
    bool end_array() { return close(); }
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e) {
        throw e;
    }

  private:
    struct Open {
        J* value;
        std::unordered_map<std::string, size_t> slots; // an object's keys
    };

    // Stores `v` where the parser is (the root, the next array item, or the current key) and
    // returns where it went. Only the innermost open container grows, so pointers to the
    // outer ones stay valid.
    J* place(J v) {
        if (open_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        Open& top = open_.back();
        if (top.value->is_array()) {
            auto& items = top.value->get_ref<J::array_t&>();
            items.push_back(std::move(v));
            return &items.back();
        }
        // The vector under ordered_map: its own operator[] and emplace are the linear search.
        auto& members = static_cast<J::object_t::Container&>(top.value->get_ref<J::object_t&>());
        auto [slot, fresh] = top.slots.try_emplace(key_, members.size());
        if (fresh) members.emplace_back(key_, J());
        J& member = members[slot->second].second;
        member = std::move(v);
        return &member;
    }
    bool put(J v) {
        place(std::move(v));
        return true;
    }
    bool open(J container) {
        open_.push_back(Open{place(std::move(container)), {}});
        return true;
    }
    bool close() {
        open_.pop_back();
        return true;
    }

    J& root_;
    std::vector<Open> open_;
    std::string key_;
};

// When nlohmann refuses a text that the scanner accepted (it should not happen).
ModelError from_nlohmann(const std::string& file, std::string_view text, const std::exception& e) {
    std::string what = e.what();
    size_t colon = what.find(": ");
    std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
    JsonPos at{1, 1};
    if (auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e))
        at = json_position_at(text, pe->byte > 0 ? pe->byte - 1 : 0);
    return whole_file_error(file, "syntax error: " + message, at);
}

} // namespace

ParsedModel parse_model(std::string_view text, const std::string& file) {
    ParsedModel result;
    try {
        result.spec.file = file;
        if (text.size() > max_model_size) {
            result.errors.push_back(
                whole_file_error(file, "the model is too large (" + std::to_string(text.size()) +
                                           " bytes; the limit is " +
                                           std::to_string(max_model_size >> 20) + " MiB)"));
            return result;
        }
        JsonIndex index = index_json(text, file);
        if (!index.ok()) {
            result.errors = index.errors();
            return result;
        }
        J root;
        try {
            OrderedJsonBuilder builder(root);
            J::sax_parse(text.begin(), text.end(), &builder);
        } catch (const nlohmann::json::exception& e) {
            result.errors.push_back(from_nlohmann(file, text, e));
            return result;
        }
        result.errors = index.errors();
        Loader(index, file, result.errors).run(root, result.spec);
        std::stable_sort(result.errors.begin(), result.errors.end(),
                         [](const ModelError& a, const ModelError& b) {
                             if (a.place.line != b.place.line) return a.place.line < b.place.line;
                             return a.place.column < b.place.column;
                         });
    } catch (const std::bad_alloc&) {
        result.errors.assign(1, whole_file_error(file, "out of memory while reading the model"));
    } catch (const std::exception& e) {
        result.errors.assign(1, whole_file_error(file, std::string("internal error: ") + e.what()));
    } catch (...) {
        result.errors.assign(1, whole_file_error(file, "internal error while reading the model"));
    }
    return result;
}

ParsedModel read_model_file(const std::string& path) {
    ParsedModel result;
    try {
        result.spec.file = path;
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec || !std::filesystem::exists(status)) {
            result.errors.push_back(whole_file_error(
                path, "cannot open the file: " +
                          (ec ? ec.message() : std::string("No such file or directory"))));
            return result;
        }
        if (std::filesystem::is_directory(status)) {
            result.errors.push_back(
                whole_file_error(path, "cannot read the file: it is a directory"));
            return result;
        }
        errno = 0;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            const int error = errno;
            result.errors.push_back(whole_file_error(
                path, std::string("cannot open the file") +
                          (error ? std::string(": ") + std::strerror(error) : std::string())));
            return result;
        }
        std::string text;
        std::array<char, 65536> buffer;
        while (in) {
            in.read(buffer.data(), buffer.size());
            text.append(buffer.data(), static_cast<size_t>(in.gcount()));
            if (text.size() > max_model_size) {
                result.errors.push_back(
                    whole_file_error(path, "the file is too large (the limit is " +
                                               std::to_string(max_model_size >> 20) + " MiB)"));
                return result;
            }
        }
        if (in.bad()) {
            result.errors.push_back(whole_file_error(path, "cannot read the file"));
            return result;
        }
        return parse_model(text, path);
    } catch (const std::bad_alloc&) {
        result.errors.assign(1, whole_file_error(path, "out of memory while reading the file"));
    } catch (...) {
        result.errors.assign(1, whole_file_error(path, "internal error while reading the file"));
    }
    return result;
}

// ---- Python identifiers ----------------------------------------------------------------------

namespace {

// Non-ASCII code points that str.isidentifier() accepts: `start` when one may begin a name
// (XID_Start), else only continue one (XID_Continue). Generated from CPython 3.11 (Unicode 14):
//   [c for c in range(0x80, 0x110000) if ('a' + chr(c)).isidentifier()], as ranges.
struct IdRange {
    char32_t lo, hi;
    bool start;
};

constexpr IdRange id_ranges[] = {
    {0xAA, 0xAA, true},        {0xB5, 0xB5, true},        {0xB7, 0xB7, false},
    {0xBA, 0xBA, true},        {0xC0, 0xD6, true},        {0xD8, 0xF6, true},
    {0xF8, 0x2C1, true},       {0x2C6, 0x2D1, true},      {0x2E0, 0x2E4, true},
    {0x2EC, 0x2EC, true},      {0x2EE, 0x2EE, true},      {0x300, 0x36F, false},
    {0x370, 0x374, true},      {0x376, 0x377, true},      {0x37B, 0x37D, true},
    {0x37F, 0x37F, true},      {0x386, 0x386, true},      {0x387, 0x387, false},
    {0x388, 0x38A, true},      {0x38C, 0x38C, true},      {0x38E, 0x3A1, true},
    {0x3A3, 0x3F5, true},      {0x3F7, 0x481, true},      {0x483, 0x487, false},
    {0x48A, 0x52F, true},      {0x531, 0x556, true},      {0x559, 0x559, true},
    {0x560, 0x588, true},      {0x591, 0x5BD, false},     {0x5BF, 0x5BF, false},
    {0x5C1, 0x5C2, false},     {0x5C4, 0x5C5, false},     {0x5C7, 0x5C7, false},
    {0x5D0, 0x5EA, true},      {0x5EF, 0x5F2, true},      {0x610, 0x61A, false},
    {0x620, 0x64A, true},      {0x64B, 0x669, false},     {0x66E, 0x66F, true},
    {0x670, 0x670, false},     {0x671, 0x6D3, true},      {0x6D5, 0x6D5, true},
    {0x6D6, 0x6DC, false},     {0x6DF, 0x6E4, false},     {0x6E5, 0x6E6, true},
    {0x6E7, 0x6E8, false},     {0x6EA, 0x6ED, false},     {0x6EE, 0x6EF, true},
    {0x6F0, 0x6F9, false},     {0x6FA, 0x6FC, true},      {0x6FF, 0x6FF, true},
    {0x710, 0x710, true},      {0x711, 0x711, false},     {0x712, 0x72F, true},
    {0x730, 0x74A, false},     {0x74D, 0x7A5, true},      {0x7A6, 0x7B0, false},
    {0x7B1, 0x7B1, true},      {0x7C0, 0x7C9, false},     {0x7CA, 0x7EA, true},
    {0x7EB, 0x7F3, false},     {0x7F4, 0x7F5, true},      {0x7FA, 0x7FA, true},
    {0x7FD, 0x7FD, false},     {0x800, 0x815, true},      {0x816, 0x819, false},
    {0x81A, 0x81A, true},      {0x81B, 0x823, false},     {0x824, 0x824, true},
    {0x825, 0x827, false},     {0x828, 0x828, true},      {0x829, 0x82D, false},
    {0x840, 0x858, true},      {0x859, 0x85B, false},     {0x860, 0x86A, true},
    {0x870, 0x887, true},      {0x889, 0x88E, true},      {0x898, 0x89F, false},
    {0x8A0, 0x8C9, true},      {0x8CA, 0x8E1, false},     {0x8E3, 0x903, false},
    {0x904, 0x939, true},      {0x93A, 0x93C, false},     {0x93D, 0x93D, true},
    {0x93E, 0x94F, false},     {0x950, 0x950, true},      {0x951, 0x957, false},
    {0x958, 0x961, true},      {0x962, 0x963, false},     {0x966, 0x96F, false},
    {0x971, 0x980, true},      {0x981, 0x983, false},     {0x985, 0x98C, true},
    {0x98F, 0x990, true},      {0x993, 0x9A8, true},      {0x9AA, 0x9B0, true},
    {0x9B2, 0x9B2, true},      {0x9B6, 0x9B9, true},      {0x9BC, 0x9BC, false},
    {0x9BD, 0x9BD, true},      {0x9BE, 0x9C4, false},     {0x9C7, 0x9C8, false},
    {0x9CB, 0x9CD, false},     {0x9CE, 0x9CE, true},      {0x9D7, 0x9D7, false},
    {0x9DC, 0x9DD, true},      {0x9DF, 0x9E1, true},      {0x9E2, 0x9E3, false},
    {0x9E6, 0x9EF, false},     {0x9F0, 0x9F1, true},      {0x9FC, 0x9FC, true},
    {0x9FE, 0x9FE, false},     {0xA01, 0xA03, false},     {0xA05, 0xA0A, true},
    {0xA0F, 0xA10, true},      {0xA13, 0xA28, true},      {0xA2A, 0xA30, true},
    {0xA32, 0xA33, true},      {0xA35, 0xA36, true},      {0xA38, 0xA39, true},
    {0xA3C, 0xA3C, false},     {0xA3E, 0xA42, false},     {0xA47, 0xA48, false},
    {0xA4B, 0xA4D, false},     {0xA51, 0xA51, false},     {0xA59, 0xA5C, true},
    {0xA5E, 0xA5E, true},      {0xA66, 0xA71, false},     {0xA72, 0xA74, true},
    {0xA75, 0xA75, false},     {0xA81, 0xA83, false},     {0xA85, 0xA8D, true},
    {0xA8F, 0xA91, true},      {0xA93, 0xAA8, true},      {0xAAA, 0xAB0, true},
    {0xAB2, 0xAB3, true},      {0xAB5, 0xAB9, true},      {0xABC, 0xABC, false},
    {0xABD, 0xABD, true},      {0xABE, 0xAC5, false},     {0xAC7, 0xAC9, false},
    {0xACB, 0xACD, false},     {0xAD0, 0xAD0, true},      {0xAE0, 0xAE1, true},
    {0xAE2, 0xAE3, false},     {0xAE6, 0xAEF, false},     {0xAF9, 0xAF9, true},
    {0xAFA, 0xAFF, false},     {0xB01, 0xB03, false},     {0xB05, 0xB0C, true},
    {0xB0F, 0xB10, true},      {0xB13, 0xB28, true},      {0xB2A, 0xB30, true},
    {0xB32, 0xB33, true},      {0xB35, 0xB39, true},      {0xB3C, 0xB3C, false},
    {0xB3D, 0xB3D, true},      {0xB3E, 0xB44, false},     {0xB47, 0xB48, false},
    {0xB4B, 0xB4D, false},     {0xB55, 0xB57, false},     {0xB5C, 0xB5D, true},
    {0xB5F, 0xB61, true},      {0xB62, 0xB63, false},     {0xB66, 0xB6F, false},
    {0xB71, 0xB71, true},      {0xB82, 0xB82, false},     {0xB83, 0xB83, true},
    {0xB85, 0xB8A, true},      {0xB8E, 0xB90, true},      {0xB92, 0xB95, true},
    {0xB99, 0xB9A, true},      {0xB9C, 0xB9C, true},      {0xB9E, 0xB9F, true},
    {0xBA3, 0xBA4, true},      {0xBA8, 0xBAA, true},      {0xBAE, 0xBB9, true},
    {0xBBE, 0xBC2, false},     {0xBC6, 0xBC8, false},     {0xBCA, 0xBCD, false},
    {0xBD0, 0xBD0, true},      {0xBD7, 0xBD7, false},     {0xBE6, 0xBEF, false},
    {0xC00, 0xC04, false},     {0xC05, 0xC0C, true},      {0xC0E, 0xC10, true},
    {0xC12, 0xC28, true},      {0xC2A, 0xC39, true},      {0xC3C, 0xC3C, false},
    {0xC3D, 0xC3D, true},      {0xC3E, 0xC44, false},     {0xC46, 0xC48, false},
    {0xC4A, 0xC4D, false},     {0xC55, 0xC56, false},     {0xC58, 0xC5A, true},
    {0xC5D, 0xC5D, true},      {0xC60, 0xC61, true},      {0xC62, 0xC63, false},
    {0xC66, 0xC6F, false},     {0xC80, 0xC80, true},      {0xC81, 0xC83, false},
    {0xC85, 0xC8C, true},      {0xC8E, 0xC90, true},      {0xC92, 0xCA8, true},
    {0xCAA, 0xCB3, true},      {0xCB5, 0xCB9, true},      {0xCBC, 0xCBC, false},
    {0xCBD, 0xCBD, true},      {0xCBE, 0xCC4, false},     {0xCC6, 0xCC8, false},
    {0xCCA, 0xCCD, false},     {0xCD5, 0xCD6, false},     {0xCDD, 0xCDE, true},
    {0xCE0, 0xCE1, true},      {0xCE2, 0xCE3, false},     {0xCE6, 0xCEF, false},
    {0xCF1, 0xCF2, true},      {0xD00, 0xD03, false},     {0xD04, 0xD0C, true},
    {0xD0E, 0xD10, true},      {0xD12, 0xD3A, true},      {0xD3B, 0xD3C, false},
    {0xD3D, 0xD3D, true},      {0xD3E, 0xD44, false},     {0xD46, 0xD48, false},
    {0xD4A, 0xD4D, false},     {0xD4E, 0xD4E, true},      {0xD54, 0xD56, true},
    {0xD57, 0xD57, false},     {0xD5F, 0xD61, true},      {0xD62, 0xD63, false},
    {0xD66, 0xD6F, false},     {0xD7A, 0xD7F, true},      {0xD81, 0xD83, false},
    {0xD85, 0xD96, true},      {0xD9A, 0xDB1, true},      {0xDB3, 0xDBB, true},
    {0xDBD, 0xDBD, true},      {0xDC0, 0xDC6, true},      {0xDCA, 0xDCA, false},
    {0xDCF, 0xDD4, false},     {0xDD6, 0xDD6, false},     {0xDD8, 0xDDF, false},
    {0xDE6, 0xDEF, false},     {0xDF2, 0xDF3, false},     {0xE01, 0xE30, true},
    {0xE31, 0xE31, false},     {0xE32, 0xE32, true},      {0xE33, 0xE3A, false},
    {0xE40, 0xE46, true},      {0xE47, 0xE4E, false},     {0xE50, 0xE59, false},
    {0xE81, 0xE82, true},      {0xE84, 0xE84, true},      {0xE86, 0xE8A, true},
    {0xE8C, 0xEA3, true},      {0xEA5, 0xEA5, true},      {0xEA7, 0xEB0, true},
    {0xEB1, 0xEB1, false},     {0xEB2, 0xEB2, true},      {0xEB3, 0xEBC, false},
    {0xEBD, 0xEBD, true},      {0xEC0, 0xEC4, true},      {0xEC6, 0xEC6, true},
    {0xEC8, 0xECD, false},     {0xED0, 0xED9, false},     {0xEDC, 0xEDF, true},
    {0xF00, 0xF00, true},      {0xF18, 0xF19, false},     {0xF20, 0xF29, false},
    {0xF35, 0xF35, false},     {0xF37, 0xF37, false},     {0xF39, 0xF39, false},
    {0xF3E, 0xF3F, false},     {0xF40, 0xF47, true},      {0xF49, 0xF6C, true},
    {0xF71, 0xF84, false},     {0xF86, 0xF87, false},     {0xF88, 0xF8C, true},
    {0xF8D, 0xF97, false},     {0xF99, 0xFBC, false},     {0xFC6, 0xFC6, false},
    {0x1000, 0x102A, true},    {0x102B, 0x103E, false},   {0x103F, 0x103F, true},
    {0x1040, 0x1049, false},   {0x1050, 0x1055, true},    {0x1056, 0x1059, false},
    {0x105A, 0x105D, true},    {0x105E, 0x1060, false},   {0x1061, 0x1061, true},
    {0x1062, 0x1064, false},   {0x1065, 0x1066, true},    {0x1067, 0x106D, false},
    {0x106E, 0x1070, true},    {0x1071, 0x1074, false},   {0x1075, 0x1081, true},
    {0x1082, 0x108D, false},   {0x108E, 0x108E, true},    {0x108F, 0x109D, false},
    {0x10A0, 0x10C5, true},    {0x10C7, 0x10C7, true},    {0x10CD, 0x10CD, true},
    {0x10D0, 0x10FA, true},    {0x10FC, 0x1248, true},    {0x124A, 0x124D, true},
    {0x1250, 0x1256, true},    {0x1258, 0x1258, true},    {0x125A, 0x125D, true},
    {0x1260, 0x1288, true},    {0x128A, 0x128D, true},    {0x1290, 0x12B0, true},
    {0x12B2, 0x12B5, true},    {0x12B8, 0x12BE, true},    {0x12C0, 0x12C0, true},
    {0x12C2, 0x12C5, true},    {0x12C8, 0x12D6, true},    {0x12D8, 0x1310, true},
    {0x1312, 0x1315, true},    {0x1318, 0x135A, true},    {0x135D, 0x135F, false},
    {0x1369, 0x1371, false},   {0x1380, 0x138F, true},    {0x13A0, 0x13F5, true},
    {0x13F8, 0x13FD, true},    {0x1401, 0x166C, true},    {0x166F, 0x167F, true},
    {0x1681, 0x169A, true},    {0x16A0, 0x16EA, true},    {0x16EE, 0x16F8, true},
    {0x1700, 0x1711, true},    {0x1712, 0x1715, false},   {0x171F, 0x1731, true},
    {0x1732, 0x1734, false},   {0x1740, 0x1751, true},    {0x1752, 0x1753, false},
    {0x1760, 0x176C, true},    {0x176E, 0x1770, true},    {0x1772, 0x1773, false},
    {0x1780, 0x17B3, true},    {0x17B4, 0x17D3, false},   {0x17D7, 0x17D7, true},
    {0x17DC, 0x17DC, true},    {0x17DD, 0x17DD, false},   {0x17E0, 0x17E9, false},
    {0x180B, 0x180D, false},   {0x180F, 0x1819, false},   {0x1820, 0x1878, true},
    {0x1880, 0x18A8, true},    {0x18A9, 0x18A9, false},   {0x18AA, 0x18AA, true},
    {0x18B0, 0x18F5, true},    {0x1900, 0x191E, true},    {0x1920, 0x192B, false},
    {0x1930, 0x193B, false},   {0x1946, 0x194F, false},   {0x1950, 0x196D, true},
    {0x1970, 0x1974, true},    {0x1980, 0x19AB, true},    {0x19B0, 0x19C9, true},
    {0x19D0, 0x19DA, false},   {0x1A00, 0x1A16, true},    {0x1A17, 0x1A1B, false},
    {0x1A20, 0x1A54, true},    {0x1A55, 0x1A5E, false},   {0x1A60, 0x1A7C, false},
    {0x1A7F, 0x1A89, false},   {0x1A90, 0x1A99, false},   {0x1AA7, 0x1AA7, true},
    {0x1AB0, 0x1ABD, false},   {0x1ABF, 0x1ACE, false},   {0x1B00, 0x1B04, false},
    {0x1B05, 0x1B33, true},    {0x1B34, 0x1B44, false},   {0x1B45, 0x1B4C, true},
    {0x1B50, 0x1B59, false},   {0x1B6B, 0x1B73, false},   {0x1B80, 0x1B82, false},
    {0x1B83, 0x1BA0, true},    {0x1BA1, 0x1BAD, false},   {0x1BAE, 0x1BAF, true},
    {0x1BB0, 0x1BB9, false},   {0x1BBA, 0x1BE5, true},    {0x1BE6, 0x1BF3, false},
    {0x1C00, 0x1C23, true},    {0x1C24, 0x1C37, false},   {0x1C40, 0x1C49, false},
    {0x1C4D, 0x1C4F, true},    {0x1C50, 0x1C59, false},   {0x1C5A, 0x1C7D, true},
    {0x1C80, 0x1C88, true},    {0x1C90, 0x1CBA, true},    {0x1CBD, 0x1CBF, true},
    {0x1CD0, 0x1CD2, false},   {0x1CD4, 0x1CE8, false},   {0x1CE9, 0x1CEC, true},
    {0x1CED, 0x1CED, false},   {0x1CEE, 0x1CF3, true},    {0x1CF4, 0x1CF4, false},
    {0x1CF5, 0x1CF6, true},    {0x1CF7, 0x1CF9, false},   {0x1CFA, 0x1CFA, true},
    {0x1D00, 0x1DBF, true},    {0x1DC0, 0x1DFF, false},   {0x1E00, 0x1F15, true},
    {0x1F18, 0x1F1D, true},    {0x1F20, 0x1F45, true},    {0x1F48, 0x1F4D, true},
    {0x1F50, 0x1F57, true},    {0x1F59, 0x1F59, true},    {0x1F5B, 0x1F5B, true},
    {0x1F5D, 0x1F5D, true},    {0x1F5F, 0x1F7D, true},    {0x1F80, 0x1FB4, true},
    {0x1FB6, 0x1FBC, true},    {0x1FBE, 0x1FBE, true},    {0x1FC2, 0x1FC4, true},
    {0x1FC6, 0x1FCC, true},    {0x1FD0, 0x1FD3, true},    {0x1FD6, 0x1FDB, true},
    {0x1FE0, 0x1FEC, true},    {0x1FF2, 0x1FF4, true},    {0x1FF6, 0x1FFC, true},
    {0x203F, 0x2040, false},   {0x2054, 0x2054, false},   {0x2071, 0x2071, true},
    {0x207F, 0x207F, true},    {0x2090, 0x209C, true},    {0x20D0, 0x20DC, false},
    {0x20E1, 0x20E1, false},   {0x20E5, 0x20F0, false},   {0x2102, 0x2102, true},
    {0x2107, 0x2107, true},    {0x210A, 0x2113, true},    {0x2115, 0x2115, true},
    {0x2118, 0x211D, true},    {0x2124, 0x2124, true},    {0x2126, 0x2126, true},
    {0x2128, 0x2128, true},    {0x212A, 0x2139, true},    {0x213C, 0x213F, true},
    {0x2145, 0x2149, true},    {0x214E, 0x214E, true},    {0x2160, 0x2188, true},
    {0x2C00, 0x2CE4, true},    {0x2CEB, 0x2CEE, true},    {0x2CEF, 0x2CF1, false},
    {0x2CF2, 0x2CF3, true},    {0x2D00, 0x2D25, true},    {0x2D27, 0x2D27, true},
    {0x2D2D, 0x2D2D, true},    {0x2D30, 0x2D67, true},    {0x2D6F, 0x2D6F, true},
    {0x2D7F, 0x2D7F, false},   {0x2D80, 0x2D96, true},    {0x2DA0, 0x2DA6, true},
    {0x2DA8, 0x2DAE, true},    {0x2DB0, 0x2DB6, true},    {0x2DB8, 0x2DBE, true},
    {0x2DC0, 0x2DC6, true},    {0x2DC8, 0x2DCE, true},    {0x2DD0, 0x2DD6, true},
    {0x2DD8, 0x2DDE, true},    {0x2DE0, 0x2DFF, false},   {0x3005, 0x3007, true},
    {0x3021, 0x3029, true},    {0x302A, 0x302F, false},   {0x3031, 0x3035, true},
    {0x3038, 0x303C, true},    {0x3041, 0x3096, true},    {0x3099, 0x309A, false},
    {0x309D, 0x309F, true},    {0x30A1, 0x30FA, true},    {0x30FC, 0x30FF, true},
    {0x3105, 0x312F, true},    {0x3131, 0x318E, true},    {0x31A0, 0x31BF, true},
    {0x31F0, 0x31FF, true},    {0x3400, 0x4DBF, true},    {0x4E00, 0xA48C, true},
    {0xA4D0, 0xA4FD, true},    {0xA500, 0xA60C, true},    {0xA610, 0xA61F, true},
    {0xA620, 0xA629, false},   {0xA62A, 0xA62B, true},    {0xA640, 0xA66E, true},
    {0xA66F, 0xA66F, false},   {0xA674, 0xA67D, false},   {0xA67F, 0xA69D, true},
    {0xA69E, 0xA69F, false},   {0xA6A0, 0xA6EF, true},    {0xA6F0, 0xA6F1, false},
    {0xA717, 0xA71F, true},    {0xA722, 0xA788, true},    {0xA78B, 0xA7CA, true},
    {0xA7D0, 0xA7D1, true},    {0xA7D3, 0xA7D3, true},    {0xA7D5, 0xA7D9, true},
    {0xA7F2, 0xA801, true},    {0xA802, 0xA802, false},   {0xA803, 0xA805, true},
    {0xA806, 0xA806, false},   {0xA807, 0xA80A, true},    {0xA80B, 0xA80B, false},
    {0xA80C, 0xA822, true},    {0xA823, 0xA827, false},   {0xA82C, 0xA82C, false},
    {0xA840, 0xA873, true},    {0xA880, 0xA881, false},   {0xA882, 0xA8B3, true},
    {0xA8B4, 0xA8C5, false},   {0xA8D0, 0xA8D9, false},   {0xA8E0, 0xA8F1, false},
    {0xA8F2, 0xA8F7, true},    {0xA8FB, 0xA8FB, true},    {0xA8FD, 0xA8FE, true},
    {0xA8FF, 0xA909, false},   {0xA90A, 0xA925, true},    {0xA926, 0xA92D, false},
    {0xA930, 0xA946, true},    {0xA947, 0xA953, false},   {0xA960, 0xA97C, true},
    {0xA980, 0xA983, false},   {0xA984, 0xA9B2, true},    {0xA9B3, 0xA9C0, false},
    {0xA9CF, 0xA9CF, true},    {0xA9D0, 0xA9D9, false},   {0xA9E0, 0xA9E4, true},
    {0xA9E5, 0xA9E5, false},   {0xA9E6, 0xA9EF, true},    {0xA9F0, 0xA9F9, false},
    {0xA9FA, 0xA9FE, true},    {0xAA00, 0xAA28, true},    {0xAA29, 0xAA36, false},
    {0xAA40, 0xAA42, true},    {0xAA43, 0xAA43, false},   {0xAA44, 0xAA4B, true},
    {0xAA4C, 0xAA4D, false},   {0xAA50, 0xAA59, false},   {0xAA60, 0xAA76, true},
    {0xAA7A, 0xAA7A, true},    {0xAA7B, 0xAA7D, false},   {0xAA7E, 0xAAAF, true},
    {0xAAB0, 0xAAB0, false},   {0xAAB1, 0xAAB1, true},    {0xAAB2, 0xAAB4, false},
    {0xAAB5, 0xAAB6, true},    {0xAAB7, 0xAAB8, false},   {0xAAB9, 0xAABD, true},
    {0xAABE, 0xAABF, false},   {0xAAC0, 0xAAC0, true},    {0xAAC1, 0xAAC1, false},
    {0xAAC2, 0xAAC2, true},    {0xAADB, 0xAADD, true},    {0xAAE0, 0xAAEA, true},
    {0xAAEB, 0xAAEF, false},   {0xAAF2, 0xAAF4, true},    {0xAAF5, 0xAAF6, false},
    {0xAB01, 0xAB06, true},    {0xAB09, 0xAB0E, true},    {0xAB11, 0xAB16, true},
    {0xAB20, 0xAB26, true},    {0xAB28, 0xAB2E, true},    {0xAB30, 0xAB5A, true},
    {0xAB5C, 0xAB69, true},    {0xAB70, 0xABE2, true},    {0xABE3, 0xABEA, false},
    {0xABEC, 0xABED, false},   {0xABF0, 0xABF9, false},   {0xAC00, 0xD7A3, true},
    {0xD7B0, 0xD7C6, true},    {0xD7CB, 0xD7FB, true},    {0xF900, 0xFA6D, true},
    {0xFA70, 0xFAD9, true},    {0xFB00, 0xFB06, true},    {0xFB13, 0xFB17, true},
    {0xFB1D, 0xFB1D, true},    {0xFB1E, 0xFB1E, false},   {0xFB1F, 0xFB28, true},
    {0xFB2A, 0xFB36, true},    {0xFB38, 0xFB3C, true},    {0xFB3E, 0xFB3E, true},
    {0xFB40, 0xFB41, true},    {0xFB43, 0xFB44, true},    {0xFB46, 0xFBB1, true},
    {0xFBD3, 0xFC5D, true},    {0xFC64, 0xFD3D, true},    {0xFD50, 0xFD8F, true},
    {0xFD92, 0xFDC7, true},    {0xFDF0, 0xFDF9, true},    {0xFE00, 0xFE0F, false},
    {0xFE20, 0xFE2F, false},   {0xFE33, 0xFE34, false},   {0xFE4D, 0xFE4F, false},
    {0xFE71, 0xFE71, true},    {0xFE73, 0xFE73, true},    {0xFE77, 0xFE77, true},
    {0xFE79, 0xFE79, true},    {0xFE7B, 0xFE7B, true},    {0xFE7D, 0xFE7D, true},
    {0xFE7F, 0xFEFC, true},    {0xFF10, 0xFF19, false},   {0xFF21, 0xFF3A, true},
    {0xFF3F, 0xFF3F, false},   {0xFF41, 0xFF5A, true},    {0xFF66, 0xFF9D, true},
    {0xFF9E, 0xFF9F, false},   {0xFFA0, 0xFFBE, true},    {0xFFC2, 0xFFC7, true},
    {0xFFCA, 0xFFCF, true},    {0xFFD2, 0xFFD7, true},    {0xFFDA, 0xFFDC, true},
    {0x10000, 0x1000B, true},  {0x1000D, 0x10026, true},  {0x10028, 0x1003A, true},
    {0x1003C, 0x1003D, true},  {0x1003F, 0x1004D, true},  {0x10050, 0x1005D, true},
    {0x10080, 0x100FA, true},  {0x10140, 0x10174, true},  {0x101FD, 0x101FD, false},
    {0x10280, 0x1029C, true},  {0x102A0, 0x102D0, true},  {0x102E0, 0x102E0, false},
    {0x10300, 0x1031F, true},  {0x1032D, 0x1034A, true},  {0x10350, 0x10375, true},
    {0x10376, 0x1037A, false}, {0x10380, 0x1039D, true},  {0x103A0, 0x103C3, true},
    {0x103C8, 0x103CF, true},  {0x103D1, 0x103D5, true},  {0x10400, 0x1049D, true},
    {0x104A0, 0x104A9, false}, {0x104B0, 0x104D3, true},  {0x104D8, 0x104FB, true},
    {0x10500, 0x10527, true},  {0x10530, 0x10563, true},  {0x10570, 0x1057A, true},
    {0x1057C, 0x1058A, true},  {0x1058C, 0x10592, true},  {0x10594, 0x10595, true},
    {0x10597, 0x105A1, true},  {0x105A3, 0x105B1, true},  {0x105B3, 0x105B9, true},
    {0x105BB, 0x105BC, true},  {0x10600, 0x10736, true},  {0x10740, 0x10755, true},
    {0x10760, 0x10767, true},  {0x10780, 0x10785, true},  {0x10787, 0x107B0, true},
    {0x107B2, 0x107BA, true},  {0x10800, 0x10805, true},  {0x10808, 0x10808, true},
    {0x1080A, 0x10835, true},  {0x10837, 0x10838, true},  {0x1083C, 0x1083C, true},
    {0x1083F, 0x10855, true},  {0x10860, 0x10876, true},  {0x10880, 0x1089E, true},
    {0x108E0, 0x108F2, true},  {0x108F4, 0x108F5, true},  {0x10900, 0x10915, true},
    {0x10920, 0x10939, true},  {0x10980, 0x109B7, true},  {0x109BE, 0x109BF, true},
    {0x10A00, 0x10A00, true},  {0x10A01, 0x10A03, false}, {0x10A05, 0x10A06, false},
    {0x10A0C, 0x10A0F, false}, {0x10A10, 0x10A13, true},  {0x10A15, 0x10A17, true},
    {0x10A19, 0x10A35, true},  {0x10A38, 0x10A3A, false}, {0x10A3F, 0x10A3F, false},
    {0x10A60, 0x10A7C, true},  {0x10A80, 0x10A9C, true},  {0x10AC0, 0x10AC7, true},
    {0x10AC9, 0x10AE4, true},  {0x10AE5, 0x10AE6, false}, {0x10B00, 0x10B35, true},
    {0x10B40, 0x10B55, true},  {0x10B60, 0x10B72, true},  {0x10B80, 0x10B91, true},
    {0x10C00, 0x10C48, true},  {0x10C80, 0x10CB2, true},  {0x10CC0, 0x10CF2, true},
    {0x10D00, 0x10D23, true},  {0x10D24, 0x10D27, false}, {0x10D30, 0x10D39, false},
    {0x10E80, 0x10EA9, true},  {0x10EAB, 0x10EAC, false}, {0x10EB0, 0x10EB1, true},
    {0x10F00, 0x10F1C, true},  {0x10F27, 0x10F27, true},  {0x10F30, 0x10F45, true},
    {0x10F46, 0x10F50, false}, {0x10F70, 0x10F81, true},  {0x10F82, 0x10F85, false},
    {0x10FB0, 0x10FC4, true},  {0x10FE0, 0x10FF6, true},  {0x11000, 0x11002, false},
    {0x11003, 0x11037, true},  {0x11038, 0x11046, false}, {0x11066, 0x11070, false},
    {0x11071, 0x11072, true},  {0x11073, 0x11074, false}, {0x11075, 0x11075, true},
    {0x1107F, 0x11082, false}, {0x11083, 0x110AF, true},  {0x110B0, 0x110BA, false},
    {0x110C2, 0x110C2, false}, {0x110D0, 0x110E8, true},  {0x110F0, 0x110F9, false},
    {0x11100, 0x11102, false}, {0x11103, 0x11126, true},  {0x11127, 0x11134, false},
    {0x11136, 0x1113F, false}, {0x11144, 0x11144, true},  {0x11145, 0x11146, false},
    {0x11147, 0x11147, true},  {0x11150, 0x11172, true},  {0x11173, 0x11173, false},
    {0x11176, 0x11176, true},  {0x11180, 0x11182, false}, {0x11183, 0x111B2, true},
    {0x111B3, 0x111C0, false}, {0x111C1, 0x111C4, true},  {0x111C9, 0x111CC, false},
    {0x111CE, 0x111D9, false}, {0x111DA, 0x111DA, true},  {0x111DC, 0x111DC, true},
    {0x11200, 0x11211, true},  {0x11213, 0x1122B, true},  {0x1122C, 0x11237, false},
    {0x1123E, 0x1123E, false}, {0x11280, 0x11286, true},  {0x11288, 0x11288, true},
    {0x1128A, 0x1128D, true},  {0x1128F, 0x1129D, true},  {0x1129F, 0x112A8, true},
    {0x112B0, 0x112DE, true},  {0x112DF, 0x112EA, false}, {0x112F0, 0x112F9, false},
    {0x11300, 0x11303, false}, {0x11305, 0x1130C, true},  {0x1130F, 0x11310, true},
    {0x11313, 0x11328, true},  {0x1132A, 0x11330, true},  {0x11332, 0x11333, true},
    {0x11335, 0x11339, true},  {0x1133B, 0x1133C, false}, {0x1133D, 0x1133D, true},
    {0x1133E, 0x11344, false}, {0x11347, 0x11348, false}, {0x1134B, 0x1134D, false},
    {0x11350, 0x11350, true},  {0x11357, 0x11357, false}, {0x1135D, 0x11361, true},
    {0x11362, 0x11363, false}, {0x11366, 0x1136C, false}, {0x11370, 0x11374, false},
    {0x11400, 0x11434, true},  {0x11435, 0x11446, false}, {0x11447, 0x1144A, true},
    {0x11450, 0x11459, false}, {0x1145E, 0x1145E, false}, {0x1145F, 0x11461, true},
    {0x11480, 0x114AF, true},  {0x114B0, 0x114C3, false}, {0x114C4, 0x114C5, true},
    {0x114C7, 0x114C7, true},  {0x114D0, 0x114D9, false}, {0x11580, 0x115AE, true},
    {0x115AF, 0x115B5, false}, {0x115B8, 0x115C0, false}, {0x115D8, 0x115DB, true},
    {0x115DC, 0x115DD, false}, {0x11600, 0x1162F, true},  {0x11630, 0x11640, false},
    {0x11644, 0x11644, true},  {0x11650, 0x11659, false}, {0x11680, 0x116AA, true},
    {0x116AB, 0x116B7, false}, {0x116B8, 0x116B8, true},  {0x116C0, 0x116C9, false},
    {0x11700, 0x1171A, true},  {0x1171D, 0x1172B, false}, {0x11730, 0x11739, false},
    {0x11740, 0x11746, true},  {0x11800, 0x1182B, true},  {0x1182C, 0x1183A, false},
    {0x118A0, 0x118DF, true},  {0x118E0, 0x118E9, false}, {0x118FF, 0x11906, true},
    {0x11909, 0x11909, true},  {0x1190C, 0x11913, true},  {0x11915, 0x11916, true},
    {0x11918, 0x1192F, true},  {0x11930, 0x11935, false}, {0x11937, 0x11938, false},
    {0x1193B, 0x1193E, false}, {0x1193F, 0x1193F, true},  {0x11940, 0x11940, false},
    {0x11941, 0x11941, true},  {0x11942, 0x11943, false}, {0x11950, 0x11959, false},
    {0x119A0, 0x119A7, true},  {0x119AA, 0x119D0, true},  {0x119D1, 0x119D7, false},
    {0x119DA, 0x119E0, false}, {0x119E1, 0x119E1, true},  {0x119E3, 0x119E3, true},
    {0x119E4, 0x119E4, false}, {0x11A00, 0x11A00, true},  {0x11A01, 0x11A0A, false},
    {0x11A0B, 0x11A32, true},  {0x11A33, 0x11A39, false}, {0x11A3A, 0x11A3A, true},
    {0x11A3B, 0x11A3E, false}, {0x11A47, 0x11A47, false}, {0x11A50, 0x11A50, true},
    {0x11A51, 0x11A5B, false}, {0x11A5C, 0x11A89, true},  {0x11A8A, 0x11A99, false},
    {0x11A9D, 0x11A9D, true},  {0x11AB0, 0x11AF8, true},  {0x11C00, 0x11C08, true},
    {0x11C0A, 0x11C2E, true},  {0x11C2F, 0x11C36, false}, {0x11C38, 0x11C3F, false},
    {0x11C40, 0x11C40, true},  {0x11C50, 0x11C59, false}, {0x11C72, 0x11C8F, true},
    {0x11C92, 0x11CA7, false}, {0x11CA9, 0x11CB6, false}, {0x11D00, 0x11D06, true},
    {0x11D08, 0x11D09, true},  {0x11D0B, 0x11D30, true},  {0x11D31, 0x11D36, false},
    {0x11D3A, 0x11D3A, false}, {0x11D3C, 0x11D3D, false}, {0x11D3F, 0x11D45, false},
    {0x11D46, 0x11D46, true},  {0x11D47, 0x11D47, false}, {0x11D50, 0x11D59, false},
    {0x11D60, 0x11D65, true},  {0x11D67, 0x11D68, true},  {0x11D6A, 0x11D89, true},
    {0x11D8A, 0x11D8E, false}, {0x11D90, 0x11D91, false}, {0x11D93, 0x11D97, false},
    {0x11D98, 0x11D98, true},  {0x11DA0, 0x11DA9, false}, {0x11EE0, 0x11EF2, true},
    {0x11EF3, 0x11EF6, false}, {0x11FB0, 0x11FB0, true},  {0x12000, 0x12399, true},
    {0x12400, 0x1246E, true},  {0x12480, 0x12543, true},  {0x12F90, 0x12FF0, true},
    {0x13000, 0x1342E, true},  {0x14400, 0x14646, true},  {0x16800, 0x16A38, true},
    {0x16A40, 0x16A5E, true},  {0x16A60, 0x16A69, false}, {0x16A70, 0x16ABE, true},
    {0x16AC0, 0x16AC9, false}, {0x16AD0, 0x16AED, true},  {0x16AF0, 0x16AF4, false},
    {0x16B00, 0x16B2F, true},  {0x16B30, 0x16B36, false}, {0x16B40, 0x16B43, true},
    {0x16B50, 0x16B59, false}, {0x16B63, 0x16B77, true},  {0x16B7D, 0x16B8F, true},
    {0x16E40, 0x16E7F, true},  {0x16F00, 0x16F4A, true},  {0x16F4F, 0x16F4F, false},
    {0x16F50, 0x16F50, true},  {0x16F51, 0x16F87, false}, {0x16F8F, 0x16F92, false},
    {0x16F93, 0x16F9F, true},  {0x16FE0, 0x16FE1, true},  {0x16FE3, 0x16FE3, true},
    {0x16FE4, 0x16FE4, false}, {0x16FF0, 0x16FF1, false}, {0x17000, 0x187F7, true},
    {0x18800, 0x18CD5, true},  {0x18D00, 0x18D08, true},  {0x1AFF0, 0x1AFF3, true},
    {0x1AFF5, 0x1AFFB, true},  {0x1AFFD, 0x1AFFE, true},  {0x1B000, 0x1B122, true},
    {0x1B150, 0x1B152, true},  {0x1B164, 0x1B167, true},  {0x1B170, 0x1B2FB, true},
    {0x1BC00, 0x1BC6A, true},  {0x1BC70, 0x1BC7C, true},  {0x1BC80, 0x1BC88, true},
    {0x1BC90, 0x1BC99, true},  {0x1BC9D, 0x1BC9E, false}, {0x1CF00, 0x1CF2D, false},
    {0x1CF30, 0x1CF46, false}, {0x1D165, 0x1D169, false}, {0x1D16D, 0x1D172, false},
    {0x1D17B, 0x1D182, false}, {0x1D185, 0x1D18B, false}, {0x1D1AA, 0x1D1AD, false},
    {0x1D242, 0x1D244, false}, {0x1D400, 0x1D454, true},  {0x1D456, 0x1D49C, true},
    {0x1D49E, 0x1D49F, true},  {0x1D4A2, 0x1D4A2, true},  {0x1D4A5, 0x1D4A6, true},
    {0x1D4A9, 0x1D4AC, true},  {0x1D4AE, 0x1D4B9, true},  {0x1D4BB, 0x1D4BB, true},
    {0x1D4BD, 0x1D4C3, true},  {0x1D4C5, 0x1D505, true},  {0x1D507, 0x1D50A, true},
    {0x1D50D, 0x1D514, true},  {0x1D516, 0x1D51C, true},  {0x1D51E, 0x1D539, true},
    {0x1D53B, 0x1D53E, true},  {0x1D540, 0x1D544, true},  {0x1D546, 0x1D546, true},
    {0x1D54A, 0x1D550, true},  {0x1D552, 0x1D6A5, true},  {0x1D6A8, 0x1D6C0, true},
    {0x1D6C2, 0x1D6DA, true},  {0x1D6DC, 0x1D6FA, true},  {0x1D6FC, 0x1D714, true},
    {0x1D716, 0x1D734, true},  {0x1D736, 0x1D74E, true},  {0x1D750, 0x1D76E, true},
    {0x1D770, 0x1D788, true},  {0x1D78A, 0x1D7A8, true},  {0x1D7AA, 0x1D7C2, true},
    {0x1D7C4, 0x1D7CB, true},  {0x1D7CE, 0x1D7FF, false}, {0x1DA00, 0x1DA36, false},
    {0x1DA3B, 0x1DA6C, false}, {0x1DA75, 0x1DA75, false}, {0x1DA84, 0x1DA84, false},
    {0x1DA9B, 0x1DA9F, false}, {0x1DAA1, 0x1DAAF, false}, {0x1DF00, 0x1DF1E, true},
    {0x1E000, 0x1E006, false}, {0x1E008, 0x1E018, false}, {0x1E01B, 0x1E021, false},
    {0x1E023, 0x1E024, false}, {0x1E026, 0x1E02A, false}, {0x1E100, 0x1E12C, true},
    {0x1E130, 0x1E136, false}, {0x1E137, 0x1E13D, true},  {0x1E140, 0x1E149, false},
    {0x1E14E, 0x1E14E, true},  {0x1E290, 0x1E2AD, true},  {0x1E2AE, 0x1E2AE, false},
    {0x1E2C0, 0x1E2EB, true},  {0x1E2EC, 0x1E2F9, false}, {0x1E7E0, 0x1E7E6, true},
    {0x1E7E8, 0x1E7EB, true},  {0x1E7ED, 0x1E7EE, true},  {0x1E7F0, 0x1E7FE, true},
    {0x1E800, 0x1E8C4, true},  {0x1E8D0, 0x1E8D6, false}, {0x1E900, 0x1E943, true},
    {0x1E944, 0x1E94A, false}, {0x1E94B, 0x1E94B, true},  {0x1E950, 0x1E959, false},
    {0x1EE00, 0x1EE03, true},  {0x1EE05, 0x1EE1F, true},  {0x1EE21, 0x1EE22, true},
    {0x1EE24, 0x1EE24, true},  {0x1EE27, 0x1EE27, true},  {0x1EE29, 0x1EE32, true},
    {0x1EE34, 0x1EE37, true},  {0x1EE39, 0x1EE39, true},  {0x1EE3B, 0x1EE3B, true},
    {0x1EE42, 0x1EE42, true},  {0x1EE47, 0x1EE47, true},  {0x1EE49, 0x1EE49, true},
    {0x1EE4B, 0x1EE4B, true},  {0x1EE4D, 0x1EE4F, true},  {0x1EE51, 0x1EE52, true},
    {0x1EE54, 0x1EE54, true},  {0x1EE57, 0x1EE57, true},  {0x1EE59, 0x1EE59, true},
    {0x1EE5B, 0x1EE5B, true},  {0x1EE5D, 0x1EE5D, true},  {0x1EE5F, 0x1EE5F, true},
    {0x1EE61, 0x1EE62, true},  {0x1EE64, 0x1EE64, true},  {0x1EE67, 0x1EE6A, true},
    {0x1EE6C, 0x1EE72, true},  {0x1EE74, 0x1EE77, true},  {0x1EE79, 0x1EE7C, true},
    {0x1EE7E, 0x1EE7E, true},  {0x1EE80, 0x1EE89, true},  {0x1EE8B, 0x1EE9B, true},
    {0x1EEA1, 0x1EEA3, true},  {0x1EEA5, 0x1EEA9, true},  {0x1EEAB, 0x1EEBB, true},
    {0x1FBF0, 0x1FBF9, false}, {0x20000, 0x2A6DF, true},  {0x2A700, 0x2B738, true},
    {0x2B740, 0x2B81D, true},  {0x2B820, 0x2CEA1, true},  {0x2CEB0, 0x2EBE0, true},
    {0x2F800, 0x2FA1D, true},  {0x30000, 0x3134A, true},  {0xE0100, 0xE01EF, false},
};

// 2: may start an identifier, 1: may only continue one, 0: neither.
int identifier_class(char32_t cp) {
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_') return 2;
        return cp >= '0' && cp <= '9' ? 1 : 0;
    }
    auto it = std::upper_bound(std::begin(id_ranges), std::end(id_ranges), cp,
                               [](char32_t c, const IdRange& r) { return c < r.lo; });
    if (it == std::begin(id_ranges)) return 0;
    --it;
    if (cp > it->hi) return 0;
    return it->start ? 2 : 1;
}

// Decodes one well-formed UTF-8 character at text[i]; returns its length, 0 when ill-formed.
size_t next_code_point(std::string_view text, size_t i, char32_t& cp) {
    auto b = [&](size_t k) -> unsigned {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0x100;
    };
    auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80 && b(k) < 0x100; };
    unsigned c = b(0);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && cont(1)) {
        cp = ((c & 0x1F) << 6) | (b(1) & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
        cp = ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        cp = ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        return 4;
    }
    return 0;
}

} // namespace

bool is_python_identifier(std::string_view text) {
    if (text.empty()) return false;
    for (size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        size_t len = next_code_point(text, i, cp);
        if (len == 0) return false;
        int cls = identifier_class(cp);
        if (cls == 0 || (i == 0 && cls != 2)) return false;
        i += len;
    }
    return true;
}

bool is_python_keyword(std::string_view text) {
    static const std::unordered_set<std::string_view> keywords = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    return keywords.count(text) > 0;
}

} // namespace ds
