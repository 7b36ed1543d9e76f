// Hidden I/O (model/storeio.h) on the seed 000 demo: each statement's store reads, cache
// fills, write-throughs, invalidations and failures, their cost per access, which cached
// entries are stale, the store counters, and the live controls (model/store.h).

#include "enginetest.h"
#include "inspect.h"
#include "store.h"
#include "storeio.h"

#include <QFile>

using namespace enginetest;

namespace {

QByteArray demo() {
    QFile f(QStringLiteral(DS_SOURCE_DIR "/resources/demos/external-storage.json"));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read the seed 000 demo");
    return f.readAll();
}

// One step as "kind store key [object.field] value message".
QString describe(const ds::IoStep& s) {
    QString out =
        QString::fromLatin1(ds::io_kind_name(s.kind)) + ' ' + qs(s.store) + ' ' + qs(s.key);
    if (!s.field.empty()) out += ' ' + qs(s.object) + '.' + qs(s.field);
    if (!s.value.empty()) out += ' ' + qs(s.value);
    if (!s.message.empty()) out += ' ' + qs(s.message);
    return out;
}

QStringList describe(const std::vector<ds::IoStep>& steps) {
    QStringList out;
    for (const ds::IoStep& s : steps) out << describe(s);
    return out;
}

QStringList costs(const ds::StoreLedger::Report& r) {
    QStringList out;
    for (const ds::IoAccess& a : r.accesses)
        out << qs(a.name.empty() ? a.object + "()" : a.name) + ": " + qs(ds::io_cost(a));
    return out;
}

uintptr_t id_of(ds::World& w, const char* name) {
    return reinterpret_cast<uintptr_t>(global(w, name).object());
}

// The current repr of a store's key, or null when absent.
std::optional<std::string> stored(ds::World& w, const std::string& store, const std::string& key) {
    for (const ds::StoreState& s : ds::store_states(w))
        if (s.name == store)
            for (const ds::StoreEntry& e : s.entries)
                if (e.key == key) return e.repr;
    return std::nullopt;
}

} // namespace

class TestStoreIo : public QObject {
    Q_OBJECT

    ds::StoreLedger::Report record(Model& m, ds::StoreLedger& ledger, const char* statement) {
        ds::StatementResult r = m.trace(statement);
        return ledger.record(r.trace);
    }

  private slots:
    void readMissFillThenHit() {
        Model m(demo().toStdString());
        QVERIFY(m.ok());
        ds::StoreLedger ledger;
        auto first = record(m, ledger, "ada.email");
        QCOMPARE(describe(first.steps),
                 QStringList({"read hit store user:User:7:email '\"ada@example.org\"'",
                              "cache fill store user:User:7:email <User object>._email_cached "
                              "'ada@example.org'"}));
        QCOMPARE(costs(first), QStringList({"email: 1 store read, 1 cache fill"}));
        QCOMPARE(first.accesses.at(0).object_id, id_of(m.session().world(), "ada"));
        // The second read is served from the instance __dict__: no I/O at all.
        auto second = record(m, ledger, "ada.email");
        QVERIFY(second.steps.empty());
        QVERIFY(second.accesses.empty());
        // A missing key is a read miss, and None is never cached.
        auto nickname = record(m, ledger, "ada.nickname");
        QCOMPARE(describe(nickname.steps), QStringList({"read miss store user:User:7:nickname"}));
        QCOMPARE(costs(nickname), QStringList({"nickname: 1 store read"}));
    }

    void writeThroughUpdatesCacheAndStore() {
        Model m(demo().toStdString());
        ds::StoreLedger ledger;
        auto r = record(m, ledger, "ada.email = 'ada@analytical.org'");
        QCOMPARE(describe(r.steps),
                 QStringList({"write store user:User:7:email '\"ada@analytical.org\"'",
                              "cache fill store user:User:7:email <User object>._email_cached "
                              "'ada@analytical.org'"}));
        QCOMPARE(costs(r), QStringList({"email: 1 store write, 1 cache fill"}));
        ds::World& w = m.session().world();
        auto now = stored(w, "store", "user:User:7:email");
        QVERIFY(now);
        QVERIFY(ledger.link(id_of(w, "ada"), "_email_cached"));
        QVERIFY(!ledger.stale(id_of(w, "ada"), "_email_cached", &*now));
    }

    // Another writer changes the store: the cached copy is stale until invalidated.
    void staleThenInvalidated() {
        Model m(demo().toStdString());
        ds::StoreLedger ledger;
        record(m, ledger, "ada.email");
        ds::World& w = m.session().world();
        const uintptr_t ada = id_of(w, "ada");
        QCOMPARE(m.with([&](ds::World& w) {
            ds::StoreObject* s = ds::find_store(w, "store");
            if (!s) return QStringLiteral("no store");
            ds::write_from_outside(w, s, "user:User:7:email", "\"countess@lovelace.org\"");
            return QStringLiteral("written");
        }),
                 QStringLiteral("written"));
        auto now = stored(w, "store", "user:User:7:email");
        QCOMPARE(qs(*now), QStringLiteral("'\"countess@lovelace.org\"'"));
        QVERIFY(ledger.stale(ada, "_email_cached", &*now));
        QCOMPARE(m.eval("ada.email"), QStringLiteral("'ada@example.org'")); // still the stale copy
        auto r = record(m, ledger, "User.email.invalidate(ada)");
        QCOMPARE(describe(r.steps),
                 QStringList({"invalidation store user:User:7:email <User object>._email_cached"}));
        QCOMPARE(costs(r), QStringList({"ExternalField.invalidate(): 1 invalidation"}));
        QVERIFY(!ledger.link(ada, "_email_cached"));
        auto reread = record(m, ledger, "ada.email");
        QCOMPARE(reread.steps.size(), size_t(2));
        QCOMPARE(qs(reread.steps[1].value), QStringLiteral("'countess@lovelace.org'"));
    }

    // Failing keys and a down store raise the spec's ConnectionError and leave no cache entry.
    void failuresLeaveNoCacheEntry() {
        Model m(demo().toStdString());
        ds::StoreLedger ledger;
        auto failed = record(m, ledger, "charles.email");
        QCOMPARE(
            describe(failed.steps),
            QStringList(
                {"failure store user:User:13:email ConnectionError: store 'store' failed on key "
                 "'user:User:13:email'"}));
        QCOMPARE(costs(failed), QStringList({"email: 1 failed store call"}));
        QCOMPARE(m.eval("'_email_cached' in vars(charles)"), QStringLiteral("False"));
        auto down = record(m, ledger, "ada.history = ['joined 1843']");
        QCOMPARE(describe(down.steps),
                 QStringList({"failure archive user:User:7:history ConnectionError: store "
                              "'archive' is unavailable"}));
        QCOMPARE(m.eval("'_history_cached' in vars(ada)"), QStringLiteral("False"));
    }

    // The counters follow every call; the live controls change what the next call does.
    void countersAndLiveControls() {
        Model m(demo().toStdString());
        m.run("ada.email");
        m.run("ada.nickname");
        m.run("ada.name = 'Ada'");
        m.run("charles.email");
        m.run("store.delete('nothing')");
        ds::World& w = m.session().world();
        const ds::StoreState s = ds::store_states(w).at(0);
        QCOMPARE(qs(s.name), QStringLiteral("store"));
        QCOMPARE(s.counters.reads, 3); // the failed get counts as a read and a failure
        QCOMPARE(s.counters.hits, 1);
        QCOMPARE(s.counters.misses, 1);
        QCOMPARE(s.counters.writes, 1);
        QCOMPARE(s.counters.deletes, 1);
        QCOMPARE(s.counters.failures, 1);
        QCOMPARE(s.latency_ms, 500.0);
        // Take the store down, then up; make a key fail, then heal it.
        ds::StoreObject* store = ds::find_store(w, "store");
        QVERIFY(store);
        store->down = true;
        QCOMPARE(m.eval("User(7).roles"),
                 QStringLiteral("raised ConnectionError: store 'store' is unavailable"));
        store->down = false;
        QCOMPARE(m.eval("User(7).roles"), QStringLiteral("['admin', 'author']"));
        store->fail_keys.push_back("user:User:7:roles");
        QCOMPARE(m.eval("User(7).roles"),
                 QStringLiteral(
                     "raised ConnectionError: store 'store' failed on key 'user:User:7:roles'"));
        store->fail_keys.clear();
        QCOMPARE(m.eval("User(7).roles"), QStringLiteral("['admin', 'author']"));
        QVERIFY(!ds::find_store(w, "ada"));
    }

    // The attribute table's badge: which attributes a store stands behind.
    void backingStoreBadge() {
        Model m(demo().toStdString());
        ds::World& w = m.session().world();
        QStringList backed;
        for (const ds::AttributeRow& row : ds::attribute_table(w, global(w, "ada")))
            if (!row.store.empty()) backed << qs(row.name + "@" + row.store);
        QCOMPARE(backed, QStringList({"email@store", "history@archive", "name@store",
                                      "nickname@store", "roles@store"}));
    }
};

QTEST_GUILESS_MAIN(TestStoreIo)
#include "tst_storeio.moc"
