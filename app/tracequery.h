// Questions about a statement's trace that the window and the exports both ask: which lookup
// does the statement mainly do, and what are the events of one lookup.
#pragma once

#include "events.h"
#include "inspect.h"

#include <optional>
#include <string>
#include <vector>

namespace ds {

// The events of the first lookup in `trace` of `name` on the object `object_id` (its
// object_identity: two instances can share a repr) with `op`, with the events nested under it;
// empty when the trace has none.
std::vector<Event> lookup_events(const std::vector<Event>& trace, uintptr_t object_id,
                                 const std::string& name, const std::string& op);

// How the chain view titles a lookup: "foo.full_name", "set foo.age", "delete foo.age".
std::string lookup_title(const std::string& object, const std::string& name, const std::string& op);

// The statement's main lookup (its first top-level one) and the model object it was made on,
// when that object has a global name.
struct MainLookup {
    Event lookup;
    NamedObject target;
};
std::optional<MainLookup> main_lookup(World& w, const std::vector<Event>& trace);

} // namespace ds
