// The limits every fuzz target runs the engine with: the spec's recursion limit (deep Python
// recursion must end in RecursionError under ASan's larger frames too), and a budget and
// memory limits small enough that each input takes milliseconds and ASan stays far from
// libFuzzer's memory limit (-rss_limit_mb=2048).
#pragma once

#include "world.h"

namespace dsfuzz {

inline constexpr ds::Limits kLimits{.recursion_limit = 1000,
                                    .step_limit = 200'000,
                                    .allocation_limit = size_t(16) << 20,
                                    .memory_limit = size_t(1) << 30};

} // namespace dsfuzz
