// Hidden I/O made visible: what a statement did to the model's stores and to the instance
// __dict__ entries that cache their values, read from the statement's events. The window
// animates these steps, counts them per attribute access ("ada.email: 1 store read, 1 cache
// fill") and marks cached entries whose store value has changed since (stale).
#pragma once

#include "events.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ds {

enum class IoKind {
    ReadHit,      // store.get found the key: a value travels from the store to the object
    ReadMiss,     // store.get found nothing
    Write,        // store.set: a value travels from the object to the store
    Delete,       // store.delete
    Failure,      // a store call raised ConnectionError
    CacheFill,    // an instance __dict__ entry written with the value of the store call before it
    Invalidation, // a cached instance __dict__ entry deleted
};

const char* io_kind_name(IoKind kind); // "read hit", "cache fill"...

struct IoStep {
    IoKind kind;
    std::string store, key;  // the store call; for cache steps, the store key the entry caches
    std::string value;       // repr: the stored text read or written, or the cached value
    uintptr_t object_id = 0; // cache steps: the instance (Event::object_id)
    std::string object;      // its repr
    std::string field;       // cache steps: the instance __dict__ key
    std::string message;     // Failure: "ConnectionError: ..."
    int access = -1;         // the IoAccess it belongs to
};

// One top-level attribute access (or call) of a statement, with the I/O it caused.
struct IoAccess {
    std::string object;      // repr of the object looked up, or the function called
    uintptr_t object_id = 0; // the object looked up; 0 for a call
    std::string name;        // the attribute; "" for a call
    std::string op;          // get, set, delete, call
    int reads = 0, writes = 0, deletes = 0, failures = 0, fills = 0, invalidations = 0;
};

// "1 store read, 1 cache fill" ("no I/O" when nothing happened).
std::string io_cost(const IoAccess& access);

// An instance __dict__ entry that holds a copy of a stored value.
struct CacheLink {
    std::string store, key;
    std::string stored; // repr of the stored text when the entry was filled (or written through)
};

// Remembers which instance __dict__ entries cache which store keys, across statements.
class StoreLedger {
  public:
    struct Report {
        std::vector<IoStep> steps;      // in the order they happened
        std::vector<IoAccess> accesses; // those that did I/O, in order
    };

    // Classifies one statement's events and updates the links.
    Report record(const std::vector<Event>& events);

    const CacheLink* link(uintptr_t object, const std::string& field) const;
    // Every link: (object, instance __dict__ key) -> the store key it caches.
    const std::map<std::pair<uintptr_t, std::string>, CacheLink>& links() const { return links_; }
    // A cached entry is stale when its store now holds something else (or nothing):
    // current_repr is the store's value repr now, or nullptr when the key is absent.
    bool stale(uintptr_t object, const std::string& field, const std::string* current_repr) const;
    // Forgets the entries of every other object: an object that went away may have its
    // address reused (the window keeps the named objects).
    void keep_only(const std::set<uintptr_t>& objects);

  private:
    std::map<std::pair<uintptr_t, std::string>, CacheLink> links_;
};

} // namespace ds
