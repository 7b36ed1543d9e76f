#include "dict.h"

#include "objects.h"
#include "type.h"

#include <cmath>
#include <functional>

namespace ds {

size_t str_hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

static size_t int_hash(int64_t i) { return std::hash<int64_t>{}(i); }

std::optional<size_t> key_hash(const Value& key) {
    switch (key.tag()) {
    case Value::Tag::Empty: return std::nullopt;
    case Value::Tag::None: return 0x9e3779b9u;
    case Value::Tag::Bool:
    case Value::Tag::Int: return int_hash(key.as_int());
    case Value::Tag::Float: {
        double f = key.as_float();
        if (std::isfinite(f) && f == std::floor(f) && std::fabs(f) < 9.2e18)
            return int_hash(static_cast<int64_t>(f));
        return std::hash<double>{}(f);
    }
    case Value::Tag::Object: break;
    }
    if (auto* s = key.as<StrObject>()) {
        if (!s->hashed) {
            s->hash = str_hash(s->text);
            s->hashed = true;
        }
        return s->hash;
    }
    if (auto* t = key.as<TupleObject>()) {
        size_t h = 0x345678;
        for (const Value& item : t->items) {
            auto ih = key_hash(item);
            if (!ih) return std::nullopt;
            h = (h ^ *ih) * 1000003u;
        }
        return h;
    }
    if (key.as<ListObject>() || key.as<DictObject>()) return std::nullopt;
    return std::hash<const void*>{}(key.object());
}

static bool is_number(const Value& v) { return v.is_bool() || v.is_int() || v.is_float(); }
static double number_as_double(const Value& v) {
    return v.is_float() ? v.as_float() : static_cast<double>(v.as_int());
}

bool key_equal(const Value& a, const Value& b) {
    if (a.is(b)) return true; // identity first, as CPython's dict does
    if (is_number(a) && is_number(b)) {
        if (a.is_float() || b.is_float()) return number_as_double(a) == number_as_double(b);
        return a.as_int() == b.as_int();
    }
    if (!a.is_object() || !b.is_object()) return false;
    if (auto* sa = a.as<StrObject>()) {
        auto* sb = b.as<StrObject>();
        return sb && sa->text == sb->text;
    }
    if (auto* ta = a.as<TupleObject>()) {
        auto* tb = b.as<TupleObject>();
        if (!tb || ta->items.size() != tb->items.size()) return false;
        for (size_t i = 0; i < ta->items.size(); ++i)
            if (!key_equal(ta->items[i], tb->items[i])) return false;
        return true;
    }
    return false;
}

long DictObject::lookup_index(const Value& key, size_t hash) const {
    if (indices_.empty()) return -1;
    size_t mask = indices_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        int32_t ix = indices_[i];
        if (ix < 0) return -1;
        const Entry& e = entries_[ix];
        if (e.hash == hash && !e.key.empty() && key_equal(e.key, key)) return ix;
    }
}

long DictObject::lookup_str_index(std::string_view key, size_t hash) const {
    if (indices_.empty()) return -1;
    size_t mask = indices_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        int32_t ix = indices_[i];
        if (ix < 0) return -1;
        const Entry& e = entries_[ix];
        if (e.hash == hash) {
            if (auto* s = e.key.as<StrObject>(); s && s->text == key) return ix;
        }
    }
}

Value* DictObject::find(const Value& key, size_t hash) {
    long ix = lookup_index(key, hash);
    return ix < 0 ? nullptr : &entries_[ix].value;
}

Value* DictObject::find_str(std::string_view key, size_t hash) {
    long ix = lookup_str_index(key, hash);
    return ix < 0 ? nullptr : &entries_[ix].value;
}

bool DictObject::replace_str(std::string_view key, size_t hash, Value value) {
    long ix = lookup_str_index(key, hash);
    if (ix < 0) return false;
    ++version_;
    if (type_cache_watched) type_cache_invalidate();
    entries_[ix].value = std::move(value);
    return true;
}

void DictObject::rebuild(size_t capacity) {
    std::vector<Entry> live;
    live.reserve(used_);
    for (Entry& e : entries_)
        if (!e.key.empty()) live.push_back(std::move(e));
    entries_ = std::move(live);
    indices_.assign(capacity, -1);
    size_t mask = capacity - 1;
    for (size_t ix = 0; ix < entries_.size(); ++ix) {
        size_t i = entries_[ix].hash & mask;
        while (indices_[i] >= 0) i = (i + 1) & mask;
        indices_[i] = static_cast<int32_t>(ix);
    }
}

void DictObject::set(const Value& key, size_t hash, Value value) {
    ++version_;
    if (type_cache_watched) type_cache_invalidate();
    long ix = lookup_index(key, hash);
    if (ix >= 0) {
        entries_[ix].value = std::move(value);
        return;
    }
    // Keep the table at most 2/3 full counting deleted entries, as CPython does.
    if ((entries_.size() + 1) * 3 >= indices_.size() * 2) {
        size_t capacity = 8;
        while (capacity * 2 <= (used_ + 1) * 3) capacity *= 2;
        rebuild(capacity * 2);
    }
    entries_.push_back(Entry{key, std::move(value), hash});
    size_t mask = indices_.size() - 1;
    size_t i = hash & mask;
    while (indices_[i] >= 0) i = (i + 1) & mask;
    indices_[i] = static_cast<int32_t>(entries_.size() - 1);
    ++used_;
}

bool DictObject::erase(const Value& key, size_t hash) {
    long ix = lookup_index(key, hash);
    if (ix < 0) return false;
    ++version_;
    if (type_cache_watched) type_cache_invalidate();
    // The slot in indices_ keeps pointing at the dead entry (a tombstone) so probing goes on.
    Entry& e = entries_[ix];
    Value old_key = std::move(e.key);
    Value old_value = std::move(e.value);
    e.key = Value();
    --used_;
    return true;
}

void DictObject::clear() {
    ++version_;
    if (type_cache_watched) type_cache_invalidate();
    entries_.clear();
    indices_.clear();
    used_ = 0;
}

std::vector<Value> DictObject::keys() const {
    std::vector<Value> out;
    out.reserve(used_);
    for_each([&](const Value& k, const Value&) { out.push_back(k); });
    return out;
}

} // namespace ds
