// dict: an insertion-ordered hash table, as CPython's (compact entries plus an index).
#pragma once

#include "value.h"

#include <optional>
#include <string_view>
#include <vector>

namespace ds {

// Hash and equality of keys. Builtin keys (None, bool, int, float, str, tuple of keys) compare
// by value, with 1 == 1.0 == True; other objects by identity. Returns nullopt for an
// unhashable key (list, dict), for the caller to raise TypeError.
std::optional<size_t> key_hash(const Value& key);
bool key_equal(const Value& a, const Value& b);
size_t str_hash(std::string_view s);

struct DictObject final : Object {
    explicit DictObject(TypeObject* t) : Object(t) {}

    struct Entry {
        Value key;
        Value value;
        size_t hash;
    };

    // Lookups take a precomputed hash; key must be hashable.
    Value* find(const Value& key, size_t hash);
    Value* find(const Value& key) { return find(key, *key_hash(key)); }
    Value* find_str(std::string_view key) { return find_str(key, str_hash(key)); }
    Value* find_str(std::string_view key, size_t hash); // hash: str_hash(key), computed once
    // Assigns an existing str key's value (no key object is made); false when it is absent.
    bool replace_str(std::string_view key, size_t hash, Value value);
    void set(const Value& key, size_t hash, Value value);
    void set(const Value& key, Value value) { set(key, *key_hash(key), std::move(value)); }
    bool erase(const Value& key, size_t hash);
    bool erase(const Value& key) { return erase(key, *key_hash(key)); }
    void clear();
    size_t size() const { return used_; }

    // Iteration in insertion order over live entries.
    template <class F> void for_each(F&& f) const {
        for (const Entry& e : entries_)
            if (!e.key.empty()) f(e.key, e.value);
    }
    std::vector<Value> keys() const;
    // The instance whose __dict__ this is, so that writes made through the dict itself
    // (obj.__dict__[k] = v, as caching descriptors do) are traced like attribute writes.
    // Cleared when the instance goes; null for every other dict.
    Object* owner = nullptr;

    // Version counter, bumped on every change (used to invalidate caches).
    uint64_t version() const { return version_; }
    // A class __dict__ that type_lookup's cache depends on: every change to it invalidates
    // the cache (type.h, type_cache_invalidate).
    bool type_cache_watched = false;

  private:
    long lookup_index(const Value& key, size_t hash) const; // index into entries_, or -1
    long lookup_str_index(std::string_view key, size_t hash) const;
    void rebuild(size_t capacity);

    std::vector<Entry> entries_;   // key Empty = deleted
    std::vector<int32_t> indices_; // -1 empty slot, else index into entries_
    size_t used_ = 0;
    uint64_t version_ = 0;
};

} // namespace ds
