// C3 linearization: CPython's mro_implementation and pmerge, with their error messages.
#pragma once

#include "type.h"

namespace ds {

// The MRO of `type` from its bases: [type] + merge(mro(b1), ..., mro(bn), [b1, ..., bn]).
// Raises TypeError ("duplicate base class A", "Cannot create a consistent method
// resolution\norder (MRO) for bases A, B") as CPython 3.11 does.
std::vector<Ref<TypeObject>> mro_implementation(World& w, TypeObject* type);

} // namespace ds
