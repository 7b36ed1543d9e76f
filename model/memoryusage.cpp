#include "memoryusage.h"

#include <unistd.h>

#include <cstdio>

namespace ds {

size_t resident_memory() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long total_pages = 0, resident_pages = 0;
    const bool read = std::fscanf(f, "%lu %lu", &total_pages, &resident_pages) == 2;
    std::fclose(f);
    return read ? size_t(resident_pages) * size_t(sysconf(_SC_PAGESIZE)) : 0;
}

} // namespace ds
