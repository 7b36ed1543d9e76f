#include "mro.h"

#include "world.h"

#include <algorithm>

namespace ds {

using Linearization = std::vector<TypeObject*>;

static bool tail_contains(const Linearization& list, size_t whence, const TypeObject* o) {
    return std::find(list.begin() + whence + 1, list.end(), o) != list.end();
}

[[noreturn]] static void set_mro_error(World& w, const std::vector<Linearization>& to_merge,
                                       const std::vector<size_t>& remain) {
    // The heads still waiting, each once, in order of appearance.
    std::vector<const TypeObject*> heads;
    for (size_t i = 0; i < to_merge.size(); ++i) {
        if (remain[i] < to_merge[i].size()) {
            const TypeObject* c = to_merge[i][remain[i]];
            if (std::find(heads.begin(), heads.end(), c) == heads.end()) heads.push_back(c);
        }
    }
    std::string msg = "Cannot create a consistent method resolution\norder (MRO) for bases";
    for (size_t i = 0; i < heads.size(); ++i) msg += (i ? ", " : " ") + heads[i]->name;
    w.raise(w.types.TypeError, msg);
}

static void pmerge(World& w, Linearization& acc, const std::vector<Linearization>& to_merge) {
    std::vector<size_t> remain(to_merge.size(), 0);
again:
    size_t empty_count = 0;
    for (size_t i = 0; i < to_merge.size(); ++i) {
        if (remain[i] >= to_merge[i].size()) {
            ++empty_count;
            continue;
        }
        TypeObject* candidate = to_merge[i][remain[i]];
        bool in_a_tail = false;
        for (size_t j = 0; j < to_merge.size() && !in_a_tail; ++j)
            in_a_tail = tail_contains(to_merge[j], remain[j], candidate);
        if (in_a_tail) continue;
        acc.push_back(candidate);
        for (size_t j = 0; j < to_merge.size(); ++j)
            if (remain[j] < to_merge[j].size() && to_merge[j][remain[j]] == candidate) ++remain[j];
        goto again;
    }
    if (empty_count != to_merge.size()) set_mro_error(w, to_merge, remain);
}

static void check_duplicates(World& w, const std::vector<Ref<TypeObject>>& bases) {
    for (size_t i = 0; i < bases.size(); ++i)
        for (size_t j = i + 1; j < bases.size(); ++j)
            if (bases[i] == bases[j]) w.raise(w.types.TypeError, "duplicate base class " + bases[i]->name);
}

std::vector<Ref<TypeObject>> mro_implementation(World& w, TypeObject* type) {
    std::vector<Ref<TypeObject>> result{Ref<TypeObject>(type)};
    const auto& bases = type->bases;
    if (bases.size() == 1) { // fast path, as CPython's
        for (const auto& c : bases[0]->mro) result.push_back(c);
        return result;
    }
    check_duplicates(w, bases);
    std::vector<Linearization> to_merge;
    for (const auto& base : bases) {
        Linearization l;
        for (const auto& c : base->mro) l.push_back(c.get());
        to_merge.push_back(std::move(l));
    }
    Linearization declared;
    for (const auto& base : bases) declared.push_back(base.get());
    to_merge.push_back(std::move(declared));
    Linearization acc;
    pmerge(w, acc, to_merge);
    for (TypeObject* c : acc) result.emplace_back(c);
    return result;
}

} // namespace ds
