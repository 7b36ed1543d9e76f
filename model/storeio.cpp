#include "storeio.h"

namespace ds {

const char* io_kind_name(IoKind kind) {
    switch (kind) {
    case IoKind::ReadHit:
        return "read hit";
    case IoKind::ReadMiss:
        return "read miss";
    case IoKind::Write:
        return "write";
    case IoKind::Delete:
        return "delete";
    case IoKind::Failure:
        return "failure";
    case IoKind::CacheFill:
        return "cache fill";
    case IoKind::Invalidation:
        return "invalidation";
    }
    return "";
}

static void count(std::string& out, int n, const char* one, const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + (n == 1 ? one : many);
}

static bool did_io(const IoAccess& a) {
    return a.reads + a.writes + a.deletes + a.failures + a.fills + a.invalidations > 0;
}

std::string io_cost(const IoAccess& a) {
    std::string out;
    count(out, a.reads, "store read", "store reads");
    count(out, a.writes, "store write", "store writes");
    count(out, a.deletes, "store delete", "store deletes");
    count(out, a.failures, "failed store call", "failed store calls");
    count(out, a.fills, "cache fill", "cache fills");
    count(out, a.invalidations, "invalidation", "invalidations");
    return did_io(a) ? out : "no I/O";
}

StoreLedger::Report StoreLedger::record(const std::vector<Event>& events) {
    std::vector<IoAccess> accesses; // every top-level access; those without I/O are dropped below
    std::vector<IoStep> steps;
    // The last store call of the current access whose value an instance __dict__ entry may
    // now copy (a read hit, or a write-through).
    struct Pending {
        bool valid = false;
        CacheLink link;
    } pending;

    auto current = [&]() -> IoAccess& {
        if (accesses.empty()) accesses.push_back({.op = "call"});
        return accesses.back();
    };
    for (const Event& e : events) {
        if (e.depth == 0 && (e.kind == EventKind::Lookup || e.kind == EventKind::Call)) {
            bool lookup = e.kind == EventKind::Lookup;
            accesses.push_back(
                {e.object, lookup ? e.object_id : 0, lookup ? e.name : "", lookup ? e.op : "call"});
            pending = {};
            continue;
        }
        if (e.kind == EventKind::StoreCall) {
            IoAccess& a = current();
            IoStep step{.kind = IoKind::ReadHit,
                        .store = e.object,
                        .key = e.name,
                        .value = e.value,
                        .access = int(accesses.size()) - 1};
            pending = {};
            if (e.outcome == "failure") {
                step.kind = IoKind::Failure;
                step.message = e.message;
                ++a.failures;
            } else if (e.op == "get" || e.op == "keys") {
                step.kind = e.outcome == "miss" ? IoKind::ReadMiss : IoKind::ReadHit;
                ++a.reads;
                if (e.op == "get" && e.outcome == "hit")
                    pending = {true, {e.object, e.name, e.value}};
            } else if (e.op == "set") {
                step.kind = IoKind::Write;
                ++a.writes;
                pending = {true, {e.object, e.name, e.value}};
            } else {
                step.kind = IoKind::Delete;
                ++a.deletes;
            }
            steps.push_back(std::move(step));
        } else if (e.kind == EventKind::DictWrite && e.object_id) {
            auto entry = std::make_pair(e.object_id, e.name);
            if (!pending.valid) {
                links_.erase(entry); // overwritten locally: no longer a copy of a stored value
                continue;
            }
            links_[entry] = pending.link;
            ++current().fills;
            steps.push_back({.kind = IoKind::CacheFill,
                             .store = pending.link.store,
                             .key = pending.link.key,
                             .value = e.value,
                             .object_id = e.object_id,
                             .object = e.object,
                             .field = e.name,
                             .access = int(accesses.size()) - 1});
            pending = {};
        } else if (e.kind == EventKind::DictDelete && e.object_id) {
            auto found = links_.find({e.object_id, e.name});
            if (found == links_.end()) continue;
            ++current().invalidations;
            steps.push_back({.kind = IoKind::Invalidation,
                             .store = found->second.store,
                             .key = found->second.key,
                             .object_id = e.object_id,
                             .object = e.object,
                             .field = e.name,
                             .access = int(accesses.size()) - 1});
            links_.erase(found);
        }
    }
    // Keep the accesses that did I/O, and renumber the steps' references to them.
    Report report;
    std::vector<int> renumbered(accesses.size(), -1);
    for (size_t i = 0; i < accesses.size(); ++i) {
        if (!did_io(accesses[i])) continue;
        renumbered[i] = int(report.accesses.size());
        report.accesses.push_back(std::move(accesses[i]));
    }
    for (IoStep& step : steps) step.access = renumbered[step.access];
    report.steps = std::move(steps);
    return report;
}

const CacheLink* StoreLedger::link(uintptr_t object, const std::string& field) const {
    auto found = links_.find({object, field});
    return found == links_.end() ? nullptr : &found->second;
}

void StoreLedger::keep_only(const std::set<uintptr_t>& objects) {
    std::erase_if(links_, [&](const auto& entry) { return !objects.count(entry.first.first); });
}

bool StoreLedger::stale(uintptr_t object, const std::string& field,
                        const std::string* current_repr) const {
    const CacheLink* l = link(object, field);
    return l && (!current_repr || *current_repr != l->stored);
}

} // namespace ds
