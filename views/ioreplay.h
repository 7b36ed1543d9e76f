// The replay of a statement's hidden I/O. Statements run instantly in the engine; afterwards
// their store reads, cache fills, write-throughs, invalidations and failures (model/storeio.h)
// are replayed one after the other on a single timeline (a QVariantAnimation from 0 to the
// total duration), so the views can animate each step at its store's latency. Every step is
// started and finished exactly once and in order, whatever the timeline does (run, jump,
// finish at once), which makes a replay deterministic and testable without waiting: tests
// move the timeline with seek().
//
// A new replay while one runs fast-forwards the running one first (its remaining steps start
// and finish at once), so the views always show every step's end state in order.
#pragma once

#include "storeio.h"

#include <QObject>

#include <map>
#include <string>
#include <vector>

class QVariantAnimation;

namespace ds {

class IoReplay : public QObject {
    Q_OBJECT
  public:
    // At 1x a store call lasts its store's latency, at least kMinStoreCallMs so that a 0 ms
    // store is still visible; a cache step lasts kCacheStepMs. The speed divides both.
    static constexpr int kMinStoreCallMs = 250;
    static constexpr int kCacheStepMs = 300;
    static constexpr double kInstant = 0; // the speed that shows only end states

    struct TimedStep {
        IoStep step;
        int start_ms = 0;
        int duration_ms = 0;
    };

    explicit IoReplay(QObject* parent = nullptr);

    // The timeline of steps at a speed (latency_ms: per store name).
    static std::vector<TimedStep> schedule(const std::vector<IoStep>& steps,
                                           const std::map<std::string, double>& latency_ms,
                                           double speed);

    void set_speed(double speed) { speed_ = speed; } // 0.25 .. 4, or kInstant
    double speed() const { return speed_; }

    // Starts a replay (fast-forwarding a running one first). With no steps, or at instant
    // speed, every step starts and finishes before play returns, then finished() is emitted.
    void play(const std::vector<IoStep>& steps, const std::map<std::string, double>& latency_ms);
    void finish(); // fast-forward to the end
    bool running() const;

    const std::vector<TimedStep>& steps() const { return timeline_; }
    int total_ms() const;

    // Moves the timeline to ms (tests, and a paused replay); steps up to there start/finish.
    void seek(int ms);

  signals:
    void stepStarted(int index);
    void stepProgress(int index, double t); // 0 at its start .. 1 at its end
    void stepFinished(int index);
    void finished();

  private:
    void advance_to(int ms);

    double speed_ = 1.0;
    std::vector<TimedStep> timeline_;
    QVariantAnimation* clock_;
    int started_ = 0;  // steps started so far
    int finished_ = 0; // steps finished so far
    bool done_ = true;
};

} // namespace ds
