#include "ioreplay.h"

#include <QSignalBlocker>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace ds {

IoReplay::IoReplay(QObject* parent) : QObject(parent), clock_(new QVariantAnimation(this)) {
    clock_->setStartValue(0);
    connect(clock_, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& v) { advance_to(v.toInt()); });
    connect(clock_, &QVariantAnimation::finished, this, [this] { advance_to(total_ms()); });
}

std::vector<IoReplay::TimedStep> IoReplay::schedule(const std::vector<IoStep>& steps,
                                                    const std::map<std::string, double>& latency_ms,
                                                    double speed) {
    std::vector<TimedStep> out;
    int at = 0;
    for (const IoStep& step : steps) {
        double ms = kCacheStepMs;
        if (step.kind != IoKind::CacheFill && step.kind != IoKind::Invalidation) {
            auto found = latency_ms.find(step.store);
            ms = std::max(double(kMinStoreCallMs), found == latency_ms.end() ? 0.0 : found->second);
        }
        int duration = speed > 0 ? int(std::lround(ms / speed)) : 0;
        out.push_back({step, at, duration});
        at += duration;
    }
    return out;
}

int IoReplay::total_ms() const {
    return timeline_.empty() ? 0 : timeline_.back().start_ms + timeline_.back().duration_ms;
}

bool IoReplay::running() const {
    return !done_;
}

void IoReplay::play(const std::vector<IoStep>& steps,
                    const std::map<std::string, double>& latency_ms) {
    finish();
    timeline_ = schedule(steps, latency_ms, speed_);
    started_ = finished_ = 0;
    done_ = false;
    if (total_ms() == 0) {
        advance_to(0);
        return;
    }
    {
        // A stopped clock keeps the time it was seeked to; rewinding it must not replay the
        // new steps at the old time.
        QSignalBlocker quiet(clock_);
        clock_->setCurrentTime(0);
        clock_->setEndValue(total_ms());
        clock_->setDuration(total_ms());
    }
    clock_->start();
    advance_to(0);
}

void IoReplay::finish() {
    if (done_) return;
    clock_->stop();
    advance_to(total_ms());
}

void IoReplay::seek(int ms) {
    if (done_) return;
    if (clock_->state() == QAbstractAnimation::Running) clock_->pause();
    clock_->setCurrentTime(std::clamp(ms, 0, total_ms())); // valueChanged advances the steps
    if (ms >= total_ms()) advance_to(total_ms());
}

// Starts, moves and finishes steps in order up to ms; a step is finished when the timeline has
// passed its end (or is at the end of everything).
void IoReplay::advance_to(int ms) {
    if (done_) return;
    const int n = int(timeline_.size());
    const bool at_end = ms >= total_ms();
    while (finished_ < n) {
        const TimedStep& s = timeline_[size_t(finished_)];
        if (started_ == finished_) {
            if (ms < s.start_ms && !at_end) break;
            ++started_;
            emit stepStarted(finished_);
        }
        const int end = s.start_ms + s.duration_ms;
        if (ms < end && !at_end) {
            emit stepProgress(finished_,
                              s.duration_ms ? double(ms - s.start_ms) / s.duration_ms : 1.0);
            break;
        }
        emit stepProgress(finished_, 1.0);
        emit stepFinished(finished_++);
    }
    if (finished_ == n) {
        done_ = true;
        clock_->stop();
        emit finished();
    }
}

} // namespace ds
