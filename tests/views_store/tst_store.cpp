// The replay timeline (views/ioreplay.h) and the store pane (views/storeview.h), driven without
// waiting: the timeline is moved with seek() and speed kInstant, never by sleeping.

#include "ioreplay.h"
#include "storeview.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace ds;

namespace {

std::vector<IoStep> demo_steps() {
    return {{.kind = IoKind::ReadHit,
             .store = "store",
             .key = "user:User:7:email",
             .value = "'\"a@b\"'"},
            {.kind = IoKind::CacheFill,
             .store = "store",
             .key = "user:User:7:email",
             .value = "'a@b'",
             .field = "_email_cached"},
            {.kind = IoKind::Failure,
             .store = "archive",
             .key = "k",
             .message = "ConnectionError: down"}};
}

const std::map<std::string, double> kLatency{{"store", 400}, {"archive", 40}};

} // namespace

class TestStore : public QObject {
    Q_OBJECT
  private slots:
    // Store calls last their store's latency (at least the visible minimum), cache steps a
    // fixed time, both divided by the speed.
    void durationsFollowLatencyAndSpeed() {
        auto at1 = IoReplay::schedule(demo_steps(), kLatency, 1.0);
        QCOMPARE(at1.size(), size_t(3));
        QCOMPARE(at1[0].duration_ms, 400);
        QCOMPARE(at1[1].duration_ms, IoReplay::kCacheStepMs);
        QCOMPARE(at1[2].duration_ms, IoReplay::kMinStoreCallMs);
        QCOMPARE(at1[1].start_ms, 400);
        QCOMPARE(at1[2].start_ms, 400 + IoReplay::kCacheStepMs);
        auto at4 = IoReplay::schedule(demo_steps(), kLatency, 4.0);
        QCOMPARE(at4[0].duration_ms, 100);
        auto slow = IoReplay::schedule(demo_steps(), kLatency, 0.25);
        QCOMPARE(slow[0].duration_ms, 1600);
        for (const auto& s : IoReplay::schedule(demo_steps(), kLatency, IoReplay::kInstant))
            QCOMPARE(s.duration_ms, 0);
    }

    // Moving the timeline starts and finishes each step once, in order.
    void seekReplaysInOrder() {
        IoReplay replay;
        QStringList log;
        connect(&replay, &IoReplay::stepStarted, this,
                [&](int i) { log << QStringLiteral("start %1").arg(i); });
        connect(&replay, &IoReplay::stepFinished, this,
                [&](int i) { log << QStringLiteral("end %1").arg(i); });
        QSignalSpy done(&replay, &IoReplay::finished);
        QSignalSpy progress(&replay, &IoReplay::stepProgress);
        replay.play(demo_steps(), kLatency);
        replay.seek(200);
        QCOMPARE(log, QStringList({"start 0"}));
        QCOMPARE(progress.last().at(1).toDouble(), 0.5);
        replay.seek(450);
        QCOMPARE(log, QStringList({"start 0", "end 0", "start 1"}));
        QVERIFY(replay.running());
        replay.seek(replay.total_ms());
        QCOMPARE(log, QStringList({"start 0", "end 0", "start 1", "end 1", "start 2", "end 2"}));
        QCOMPARE(done.count(), 1);
        QVERIFY(!replay.running());
    }

    // A new statement fast-forwards the running replay; instant speed finishes at once.
    void newReplayFastForwardsAndInstantIsImmediate() {
        IoReplay replay;
        QSignalSpy finished_steps(&replay, &IoReplay::stepFinished);
        QSignalSpy done(&replay, &IoReplay::finished);
        replay.play(demo_steps(), kLatency);
        replay.seek(10);
        replay.set_speed(IoReplay::kInstant);
        replay.play(demo_steps(), kLatency);
        QCOMPARE(finished_steps.count(), 6);
        QCOMPARE(done.count(), 2);
        QVERIFY(!replay.running());
    }

    // A replay after one that was moved by hand starts from its own beginning (the clock
    // used to keep the old position, and a short replay then ended at once).
    void replayAfterSeekStartsAtTheBeginning() {
        IoReplay replay;
        replay.play(demo_steps(), kLatency);
        replay.seek(900);
        replay.finish();
        QSignalSpy finished_steps(&replay, &IoReplay::stepFinished);
        replay.play({demo_steps()[1]}, kLatency); // one 300 ms cache step
        QVERIFY(replay.running());
        QCOMPARE(finished_steps.count(), 0);
        replay.seek(150);
        QVERIFY(replay.running());
        replay.finish();
        QCOMPARE(finished_steps.count(), 1);
    }

    // The store pane: a missing key read in progress appears as a ghost row with its own anchor;
    // live-control requests are signals for the window.
    void storeViewShowsStepInProgress() {
        StoreView view;
        StoreState s;
        s.name = "store";
        s.latency_ms = 400;
        s.entries = {{"a", "'\"1\"'"}, {"c", "'\"3\"'"}};
        view.show_stores({s});
        view.resize(420, 300);
        const QPointF header = view.key_anchor("store", "");
        const QPointF a = view.key_anchor("store", "a");
        QVERIFY(a.y() > header.y());
        QCOMPARE(view.key_anchor("store", "b"), header); // not stored, nothing in progress
        view.set_activity({.kind = IoKind::ReadMiss, .store = "store", .key = "b"}, 0.5);
        const QPointF b = view.key_anchor("store", "b");
        QVERIFY(b.y() > a.y());
        QVERIFY(b.y() < view.key_anchor("store", "c").y());
        QImage image(view.size(), QImage::Format_ARGB32);
        QPainter p(&image);
        view.render_to(p, QRectF(QPointF(), QSizeF(view.size())));
        p.end();
        view.clear_activity();
        QCOMPARE(view.key_anchor("store", "b"), header);
        QSignalSpy down(&view, &StoreView::downRequested);
        QVERIFY(down.isValid());
    }
};

QTEST_MAIN(TestStore)
#include "tst_store.moc"
