// Events: what the engine did while running a statement, as plain data for the CLI's
// --trace and for every view. Recorded only when a Tracer is attached to the World.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

enum class EventKind {
    Lookup,         // an attribute get/set/delete begins on an object
    MroClass,       // one class of an MRO was checked for the name
    Step,           // one precedence stage was decided (hit or miss)
    Winner,         // what the lookup settled on
    Shadowed,       // a candidate the winner hid
    DescriptorCall, // __get__ / __set__ / __delete__ (builtin or user) called
    DictRead,       // an instance/module __dict__ read
    DictWrite,      // ... written
    DictDelete,     // ... deleted from
    Call,           // a Python function called
    StoreCall,      // a store's get/set/delete/keys: outcome hit, miss, write, delete, failure
    SetName,        // __set_name__ called at class creation
    Print,          // print() output
    Exception,      // an exception raised (as it leaves a lookup)
    Result,         // a lookup's value
};

const char* event_kind_name(EventKind kind);

struct Event {
    EventKind kind;
    int depth = 0;          // nesting: events caused by code that a lookup ran are deeper
    std::string op;         // Lookup: get, set, delete; StoreCall: get, set, delete, keys
    std::string object;     // repr of the object the event is about
    std::string object_kind; // Lookup: instance, class, module, super
    std::string name;       // attribute name, or the store key
    std::string stage;      // Step/Winner/Shadowed: the precedence stage (see stage names)
    std::string owner;      // the class whose __dict__ held it
    std::string what;       // descriptor kind: data descriptor, non-data descriptor, plain, slot
    std::string outcome;    // Step: hit, miss, skipped; StoreCall: hit, miss, write, delete, failure
    std::string value;      // repr of a value (result, stored value, printed text)
    std::string message;    // exception "Type: message"
    uintptr_t object_id = 0; // Lookup and dict events: the object's identity, so views can name
                             // it (model_objects); never dereferenced, not part of the JSON
};

// Precedence stage names (instances, classes, modules), in CPython's order.
namespace stage {
inline constexpr const char* DataDescriptor = "data descriptor";
inline constexpr const char* InstanceDict = "instance __dict__";
inline constexpr const char* NonDataDescriptor = "non-data descriptor";
inline constexpr const char* ClassAttribute = "class attribute";
inline constexpr const char* Getattr = "__getattr__";
inline constexpr const char* GetattributeOverride = "__getattribute__";
inline constexpr const char* MetaDataDescriptor = "metatype data descriptor";
inline constexpr const char* ClassMro = "class MRO";
inline constexpr const char* MetaAttribute = "metatype attribute";
inline constexpr const char* ModuleDict = "module __dict__";
inline constexpr const char* ModuleGetattr = "module __getattr__";
inline constexpr const char* Setter = "descriptor __set__";
inline constexpr const char* Deleter = "descriptor __delete__";
inline constexpr const char* Slot = "slot";
inline constexpr const char* InstanceDescriptor = "instance descriptor (PEP 549 what-if)";
} // namespace stage

class Tracer {
  public:
    std::vector<Event> events;
    int depth = 0;
    size_t limit = 200000; // events kept per statement; later ones are counted only
    size_t dropped = 0;

    void add(Event e) {
        if (events.size() >= limit) {
            ++dropped;
            return;
        }
        e.depth = depth;
        events.push_back(std::move(e));
    }
    void clear() {
        events.clear();
        depth = 0;
        dropped = 0;
    }

    // Nesting scope: events added while it lives are one level deeper.
    class Nest {
      public:
        explicit Nest(Tracer* t) : t_(t) { if (t_) ++t_->depth; }
        ~Nest() { if (t_) --t_->depth; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;

      private:
        Tracer* t_;
    };
};

// Events as JSON (nested by depth: an event's deeper followers are its "children").
nlohmann::ordered_json events_to_json(const std::vector<Event>& events);
// Events as indented text: each lookup's precedence chain, as a teacher would read it.
std::string events_to_text(const std::vector<Event>& events);

} // namespace ds
