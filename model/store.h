// The mock external store (the spec's MemoryStore): its methods are installed on the
// MemoryStore type; the window's live controls reach a store by name and change it from
// outside the model (another writer), which no model code can see happen.
#pragma once

#include "world.h"

#include <string>

namespace ds {

void install_store_type(World& w);

// The global named `name` when it is a store, else null.
StoreObject* find_store(World& w, const std::string& name);

// Another writer changes a stored value: no counter, no event. Caches filled from the old value
// are stale from now on.
void write_from_outside(World& w, StoreObject* s, const std::string& key, const std::string& text);

} // namespace ds
