// How much memory the whole process holds, for the World's memory limit (world.h).
#pragma once

#include <cstddef>

namespace ds {

// The process's resident memory in bytes (Linux: /proc/self/statm), or 0 when unknown.
size_t resident_memory();

} // namespace ds
