#include "storeview.h"

#include "theme.h"

#include <QContextMenuEvent>
#include <QInputDialog>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ds {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString cache_key(const QString& store, const QString& key) {
    return store + '\n' + key;
}

double em() {
    return QFontMetricsF(theme::ui_font()).height();
}
double row_height() {
    return QFontMetricsF(theme::code_font()).height() * 1.15 + em() * 0.55;
}
double cached_height() {
    return QFontMetricsF(theme::ui_font()).height() * 1.1;
}

QFont small_font() {
    QFont f = theme::ui_font();
    f.setPointSizeF(f.pointSizeF() * 0.88);
    return f;
}

// 0 at the ends of a step, 1 in its middle: how strongly the step in progress is drawn.
double bell(double t) {
    return std::sin(std::clamp(t, 0.0, 1.0) * M_PI);
}

} // namespace

StoreView::StoreView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    apply_theme();
}

void StoreView::apply_theme() {
    setFont(theme::ui_font());
    updateGeometry();
    update();
}

void StoreView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) update();
}

void StoreView::show_stores(const std::vector<StoreState>& stores) {
    stores_ = stores;
    updateGeometry();
    update();
}

void StoreView::set_cached(const QHash<QString, QList<Cached>>& cached) {
    cached_ = cached;
    updateGeometry();
    update();
}

void StoreView::set_activity(const IoStep& step, double t) {
    activity_ = step;
    activity_t_ = t;
    update();
}

void StoreView::clear_activity() {
    activity_.reset();
    update();
}

bool StoreView::is_active(const QString& store, const QString& key) const {
    return activity_ && qs(activity_->store) == store && qs(activity_->key) == key &&
           activity_->kind != IoKind::CacheFill && activity_->kind != IoKind::Invalidation;
}

std::vector<StoreView::Card> StoreView::layout(double width) const {
    const double pad = em() * 0.6, rh = row_height();
    std::vector<Card> cards;
    double y = pad;
    for (size_t i = 0; i < stores_.size(); ++i) {
        const StoreState& s = stores_[i];
        Card card;
        card.store = int(i);
        const double header_h = em() * 2.9; // name line + counters line
        card.header = QRectF(pad, y, width - 2 * pad, header_h);
        double ry = y + header_h + em() * 0.2;
        std::vector<Row> rows;
        for (const StoreEntry& e : s.entries)
            rows.push_back({qs(e.key),
                            qs(e.repr),
                            {},
                            std::count(s.fail_keys.begin(), s.fail_keys.end(), e.key) > 0});
        // The key a step in progress reads or fails on but that is not stored: a ghost row.
        if (activity_ && qs(activity_->store) == qs(s.name) && !activity_->key.empty() &&
            std::none_of(rows.begin(), rows.end(),
                         [&](const Row& r) { return r.key == qs(activity_->key); })) {
            Row ghost{qs(activity_->key), tr("(absent)"), {}, false, true};
            auto at = std::lower_bound(rows.begin(), rows.end(), ghost,
                                       [](const Row& a, const Row& b) { return a.key < b.key; });
            rows.insert(at, ghost);
        }
        for (Row& r : rows) {
            double h = rh + cached_.value(cache_key(qs(s.name), r.key)).size() * cached_height();
            r.rect = QRectF(pad, ry, width - 2 * pad, h);
            ry += h;
        }
        if (rows.empty()) ry += rh; // "empty"
        card.rows = std::move(rows);
        card.rect = QRectF(pad, y, width - 2 * pad, ry - y + em() * 0.4);
        cards.push_back(std::move(card));
        y = card.rect.bottom() + pad;
    }
    return cards;
}

QSize StoreView::sizeHint() const {
    QFontMetricsF code(theme::code_font());
    double w = em() * 22;
    for (const StoreState& s : stores_)
        for (const StoreEntry& e : s.entries)
            w = std::max(w, code.horizontalAdvance(qs(e.key) + qs(e.repr)) + em() * 5);
    auto cards = layout(w);
    double h = cards.empty() ? em() * 4 : cards.back().rect.bottom() + em() * 0.6;
    return QSize(int(std::min(w, em() * 48)), int(h));
}

QSize StoreView::minimumSizeHint() const {
    return QSize(int(em() * 16), int(em() * 4));
}

void StoreView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    render_to(p, rect());
}

void StoreView::render_to(QPainter& p, const QRectF& target) const {
    const auto& t = theme::palette();
    p.save();
    p.translate(target.topLeft());
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(0, 0, target.width(), target.height()), t.background);
    if (stores_.empty()) {
        p.setFont(theme::ui_font());
        p.setPen(t.muted);
        p.drawText(QRectF(0, 0, target.width(), target.height()).adjusted(12, 12, -12, -12),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   tr("This model has no stores."));
    }
    for (const Card& card : layout(target.width())) paint_card(p, card);
    p.restore();
}

void StoreView::paint_card(QPainter& p, const Card& card) const {
    const auto& t = theme::palette();
    const StoreState& s = stores_[size_t(card.store)];
    const QString name = qs(s.name);
    const double e = em(), pad = e * 0.6;
    const bool card_active = activity_ && qs(activity_->store) == name &&
                             activity_->kind != IoKind::CacheFill &&
                             activity_->kind != IoKind::Invalidation;
    const bool failing_now = card_active && activity_->kind == IoKind::Failure;

    // The card, its border glowing while one of its calls is in progress.
    QColor border = t.border;
    if (card_active)
        border = theme::blend(t.border, failing_now ? t.error : t.accent, bell(activity_t_));
    p.setPen(QPen(border, theme::line_width(card_active ? 2.0 : 1.0)));
    p.setBrush(t.surface);
    p.drawRoundedRect(card.rect, e * 0.4, e * 0.4);

    // Header: name, latency, up/down.
    QRectF line1(card.header.left() + pad, card.header.top() + e * 0.35,
                 card.header.width() - 2 * pad, e * 1.2);
    p.setFont(theme::heading_font());
    p.setPen(t.text);
    p.drawText(line1, Qt::AlignLeft | Qt::AlignVCenter, name);
    auto pill = [&](double right, const QString& text, const QColor& fg, const QColor& bg) {
        QFontMetricsF fm(small_font());
        double w = fm.horizontalAdvance(text) + e * 0.9;
        QRectF r(right - w, line1.center().y() - fm.height() * 0.6, w, fm.height() * 1.2);
        p.setPen(Qt::NoPen);
        p.setBrush(bg);
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
        p.setFont(small_font());
        p.setPen(fg);
        p.drawText(r, Qt::AlignCenter, text);
        return r.left() - e * 0.4;
    };
    double right = line1.right();
    right = s.down ? pill(right, tr("down"), t.surface, t.error)
                   : pill(right, tr("up"), t.accent, t.accent_soft);
    pill(right, tr("%1 ms").arg(s.latency_ms), t.muted, t.background);

    QRectF line2(line1.left(), line1.bottom() + e * 0.15, line1.width(), e * 1.1);
    const auto& c = s.counters;
    p.setFont(small_font());
    QFontMetricsF sm(small_font());
    // A failure in progress says why, in place of the counters.
    if (failing_now && !activity_->message.empty()) {
        p.setPen(t.error);
        p.drawText(line2, Qt::AlignLeft | Qt::AlignVCenter,
                   sm.elidedText(qs(activity_->message), Qt::ElideRight, line2.width()));
    } else {
        paint_counters(p, line2, c);
    }

    if (card.rows.empty()) {
        p.setFont(theme::ui_font());
        p.setPen(t.muted);
        p.drawText(QRectF(line1.left(), card.header.bottom(), line1.width(), row_height()),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("empty"));
        return;
    }

    QFontMetricsF code(theme::code_font());
    double key_w = 0;
    for (const Row& r : card.rows) key_w = std::max(key_w, code.horizontalAdvance(r.key));
    key_w = std::min(key_w + e * 1.2, card.rect.width() * 0.55);

    for (const Row& r : card.rows) {
        const bool active = is_active(name, r.key);
        const double strength = active ? bell(activity_t_) : 0;
        QRectF band(card.rect.left() + 1, r.rect.top(), card.rect.width() - 2, r.rect.height());
        // The step in progress: a glow on a hit, a flash on a write, red on a failure.
        if (active) {
            QColor glow = t.accent_soft;
            if (activity_->kind == IoKind::Write) glow = t.flash;
            if (activity_->kind == IoKind::Failure) glow = t.error_soft;
            if (activity_->kind == IoKind::ReadMiss || activity_->kind == IoKind::Delete)
                glow = theme::blend(t.surface, t.border, 0.5);
            p.fillRect(band, theme::blend(t.surface, glow, strength));
        }
        double fade = 1.0; // a deleted key or a ghost fades
        if (active && activity_->kind == IoKind::Delete) fade = 1.0 - activity_t_;
        QRectF text_row(line1.left(), r.rect.top(), line1.width(), row_height());
        QColor key_colour = r.ghost ? t.muted : t.text;
        QColor value_colour = r.ghost ? t.muted : t.text;
        if (fade < 1.0) {
            key_colour = theme::blend(t.surface, key_colour, fade);
            value_colour = theme::blend(t.surface, value_colour, fade);
        }
        QFont kf = theme::code_font();
        kf.setItalic(r.ghost);
        p.setFont(kf);
        p.setPen(key_colour);
        QString key = code.elidedText(r.key, Qt::ElideMiddle, key_w - e * 0.6);
        p.drawText(QRectF(text_row.left(), text_row.top(), key_w, text_row.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, key);
        double x = text_row.left() + code.horizontalAdvance(key) + e * 0.4;
        if (r.failing) { // a small red tag: calls on this key fail
            p.setFont(small_font());
            QRectF tag(x, text_row.center().y() - sm.height() * 0.55,
                       sm.horizontalAdvance(tr("fails")) + e * 0.6, sm.height() * 1.1);
            if (tag.right() < text_row.left() + key_w) {
                p.setPen(QPen(t.error, theme::line_width(1)));
                p.setBrush(t.error_soft);
                p.drawRoundedRect(tag, tag.height() / 2, tag.height() / 2);
                p.setPen(t.error);
                p.drawText(tag, Qt::AlignCenter, tr("fails"));
            }
        }
        // A write shows the new value from half-way through its round trip.
        QString value = r.value;
        if (active && activity_->kind == IoKind::Write && activity_t_ >= 0.5)
            value = qs(activity_->value);
        p.setFont(kf);
        p.setPen(value_colour);
        QRectF value_rect(text_row.left() + key_w, text_row.top(), text_row.width() - key_w,
                          text_row.height());
        p.drawText(value_rect, Qt::AlignLeft | Qt::AlignVCenter,
                   code.elidedText(value, Qt::ElideRight, value_rect.width()));
        // Who holds a copy of this value.
        double cy = text_row.bottom();
        for (const Cached& cached : cached_.value(cache_key(name, r.key))) {
            p.setFont(small_font());
            p.setPen(cached.stale ? t.error : t.muted);
            QString text = cached.stale ? tr("↳ stale copy in %1").arg(cached.where)
                                        : tr("↳ cached in %1").arg(cached.where);
            p.drawText(QRectF(value_rect.left(), cy - e * 0.2, value_rect.width(), cached_height()),
                       Qt::AlignLeft | Qt::AlignVCenter, text);
            cy += cached_height();
        }
    }
}

// reads · hits · misses · writes · deletes · failures (in the error colour when any).
void StoreView::paint_counters(QPainter& p, const QRectF& line2,
                               const StoreObject::Counters& c) const {
    const auto& t = theme::palette();
    QFontMetricsF sm(small_font());
    p.setPen(t.muted);
    QString counters = tr("reads %1 · hits %2 · misses %3 · writes %4 · deletes %5")
                           .arg(c.reads)
                           .arg(c.hits)
                           .arg(c.misses)
                           .arg(c.writes)
                           .arg(c.deletes);
    // In a narrow card the counters are elided, never the failures.
    const QString failures_text = tr("failures %1").arg(c.failures);
    counters =
        sm.elidedText(counters, Qt::ElideRight,
                      line2.width() - sm.horizontalAdvance(QStringLiteral(" · ") + failures_text)) +
        QStringLiteral(" · ");
    p.drawText(line2, Qt::AlignLeft | Qt::AlignVCenter, counters);
    QRectF failures = line2.adjusted(sm.horizontalAdvance(counters), 0, 0, 0);
    p.setPen(c.failures ? t.error : t.muted);
    p.drawText(failures, Qt::AlignLeft | Qt::AlignVCenter, failures_text);
}

QPointF StoreView::key_anchor(const QString& store, const QString& key) const {
    for (const Card& card : layout(width())) {
        if (qs(stores_[size_t(card.store)].name) != store) continue;
        for (const Row& r : card.rows)
            if (r.key == key)
                return QPointF(r.rect.left() + r.rect.width() * 0.55,
                               r.rect.top() + row_height() / 2);
        return QPointF(card.header.center().x(), card.header.top() + em() * 0.9);
    }
    return QPointF(width() / 2.0, em());
}

std::optional<StoreView::Hit> StoreView::hit(const QPointF& pos) const {
    for (const Card& card : layout(width())) {
        if (!card.rect.contains(pos)) continue;
        Hit h{card.store, std::nullopt};
        for (const Row& r : card.rows)
            if (r.rect.contains(pos) && !r.ghost) h.row = r;
        return h;
    }
    return std::nullopt;
}

void StoreView::ask_value(const QString& store, const QString& key, const QString& current) {
    bool ok = false;
    QString text =
        QInputDialog::getText(this, tr("Another writer"),
                              tr("New stored text for %1 in %2 (what another program writes; "
                                 "cached copies become stale):")
                                  .arg(key, store),
                              QLineEdit::Normal, current, &ok);
    if (ok) emit externalWriteRequested(store, key, text);
}

// The stored text from its repr (the view shows reprs of str values).
static QString stored_text(const QString& repr) {
    if (repr.size() >= 2 && (repr.front() == '\'' || repr.front() == '"') &&
        repr.back() == repr.front()) {
        QString inner = repr.mid(1, repr.size() - 2);
        inner.replace(QStringLiteral("\\'"), QStringLiteral("'"))
            .replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        return inner;
    }
    return repr;
}

void StoreView::mouseDoubleClickEvent(QMouseEvent* event) {
    std::optional<Hit> h = hit(event->position());
    if (h && h->row)
        ask_value(qs(stores_[size_t(h->store)].name), h->row->key, stored_text(h->row->value));
}

void StoreView::contextMenuEvent(QContextMenuEvent* event) {
    std::optional<Hit> h = hit(event->pos());
    if (!h) return;
    const StoreState& s = stores_[size_t(h->store)];
    const std::optional<Row>& row = h->row;
    const QString store = qs(s.name);
    const QString key = row ? row->key : QString();
    const QString value = row ? stored_text(row->value) : QString();
    const bool failing = row && row->failing;
    const bool down = s.down;
    const double latency = s.latency_ms;
    QMenu menu(this);
    menu.addAction(down ? tr("Bring %1 up").arg(store) : tr("Take %1 down").arg(store), this,
                   [=, this] { emit downRequested(store, !down); });
    menu.addAction(tr("Latency…"), this, [=, this] {
        bool ok = false;
        int ms =
            QInputDialog::getInt(this, tr("Latency"), tr("Round-trip time of %1 (ms):").arg(store),
                                 int(latency), 0, 10000, 10, &ok);
        if (ok) emit latencyRequested(store, ms);
    });
    menu.addAction(tr("Add a failing key…"), this, [=, this] {
        bool ok = false;
        QString k = QInputDialog::getText(this, tr("Failing key"),
                                          tr("Calls on this key of %1 fail:").arg(store),
                                          QLineEdit::Normal, key, &ok);
        if (ok && !k.isEmpty()) emit failingKeyRequested(store, k, true);
    });
    if (row) {
        menu.addSeparator();
        menu.addAction(failing ? tr("Heal %1").arg(key) : tr("Make %1 fail").arg(key), this,
                       [=, this] { emit failingKeyRequested(store, key, !failing); });
        menu.addAction(tr("Edit the stored value (another writer)…"), this,
                       [=, this] { ask_value(store, key, value); });
    }
    menu.exec(event->globalPos());
}

} // namespace ds
